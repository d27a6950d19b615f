package dev.taskflux.service.execution;

import dev.taskflux.api.OverlapPolicy;
import dev.taskflux.api.TaskDefinition;
import dev.taskflux.service.event.EventType;
import dev.taskflux.service.event.LifecycleEvent;
import dev.taskflux.service.execution.ClaimDueInstances.Candidate;
import dev.taskflux.service.storage.Sql;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Applies the overlap policies of definitions that limit their concurrent instances, inside the
 * claim transaction. The definitions' rows are locked first, so two nodes never both admit the
 * last free slot: ALLOW leaves an instance waiting, FORBID records it SKIPPED, REPLACE cancels the
 * oldest active instance to make room.
 */
@Component
class OverlapDecision {

    private static final String SKIP = "UPDATE task_instance SET status = 'SKIPPED', finished_at = $1, error = $2 "
            + "WHERE id = $3";
    private static final String CANCEL = "UPDATE task_instance SET status = 'CANCELLED', finished_at = $1, error = $2, "
            + "attempts = $3 WHERE id = $4 AND status IN ('PENDING', 'RUNNING', 'RETRYING')";

    private final DatabaseClient db;
    private final dev.taskflux.service.storage.JsonCodec json;

    OverlapDecision(DatabaseClient db, dev.taskflux.service.storage.JsonCodec json) {
        this.db = db;
        this.json = json;
    }

    /** Decides each candidate (all due now) in order; records skips and replacements. */
    Mono<Admission> decide(List<Candidate> candidates, Map<UUID, TaskDefinition> defs, Instant now,
                           List<LifecycleEvent> published) {
        if (candidates.isEmpty()) {
            return Mono.just(Admission.NONE);
        }
        List<UUID> ids = candidates.stream().map(Candidate::definitionId).distinct().sorted().toList();
        String in = Sql.markers(1, ids.size());
        Mono<Void> lock = Sql.bindList(db.sql("SELECT id FROM task_definition WHERE id IN (" + in
                + ") ORDER BY id FOR UPDATE"), 0, ids).fetch().all().then();
        Mono<Map<UUID, List<UUID>>> active = Sql.bindList(db.sql("SELECT id, definition_id FROM task_instance "
                        + "WHERE definition_id IN (" + in + ") AND lease_owner IS NOT NULL "
                        + "AND status IN ('PENDING', 'RUNNING', 'RETRYING') ORDER BY due_at"), 0, ids)
                .map(row -> Map.entry(row.get("definition_id", UUID.class), row.get("id", UUID.class))).all()
                .collect(HashMap::new, (m, e) -> m.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return lock.then(active).flatMap(running -> apply(candidates, defs, running, now, published));
    }

    private Mono<Admission> apply(List<Candidate> candidates, Map<UUID, TaskDefinition> defs,
                                  Map<UUID, List<UUID>> running, Instant now, List<LifecycleEvent> published) {
        List<Candidate> admitted = new ArrayList<>();
        List<Candidate> skipped = new ArrayList<>();
        List<UUID> replaced = new ArrayList<>();
        for (Candidate c : candidates) {
            TaskDefinition d = defs.get(c.definitionId());
            List<UUID> active = running.computeIfAbsent(d.id(), k -> new ArrayList<>());
            OverlapPolicy policy = d.spec().concurrency().policy();
            if (active.size() < d.spec().concurrency().effectiveMaxInstances()) {
                admitted.add(c);
                active.add(c.id());
            } else if (policy == OverlapPolicy.FORBID) {
                skipped.add(c);
                published.add(event(EventType.INSTANCE_SKIPPED, d, c.id(), now, "an earlier run is still active"));
            } else if (policy == OverlapPolicy.REPLACE) {
                UUID victim = active.remove(0);
                // A victim admitted earlier in this round never started: drop it rather than lease it.
                admitted.removeIf(earlier -> earlier.id().equals(victim));
                replaced.add(victim);
                published.add(event(EventType.INSTANCE_CANCELLED, d, victim, now, "replaced by a newer run"));
                admitted.add(c);
                active.add(c.id());
            }
        }
        String skipReason = "skipped: an earlier run is still active (FORBID)";
        String replaceReason = "cancelled: replaced by a newer run (REPLACE)";
        return Sql.batch(db, SKIP, skipped, (b, c) -> b.next(now).next(skipReason).next(c.id()))
                .thenMany(attemptsOf(replaced))
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .flatMapMany(attempts -> Sql.batch(db, CANCEL, replaced, (b, id) -> b.next(now).next(replaceReason)
                        .string(endedAttempts(attempts.get(id), now, replaceReason)).next(id)))
                .then(Mono.just(new Admission(admitted, replaced)));
    }

    private reactor.core.publisher.Flux<Map.Entry<UUID, String>> attemptsOf(List<UUID> ids) {
        if (ids.isEmpty()) {
            return reactor.core.publisher.Flux.empty();
        }
        return Sql.bindList(db.sql("SELECT id, attempts FROM task_instance WHERE id IN (" + Sql.markers(1, ids.size())
                        + ")"), 0, ids)
                .map(row -> Map.entry(row.get("id", UUID.class), String.valueOf(row.get("attempts", String.class))))
                .all();
    }

    /** The attempts column with the running attempt ended as cancelled, so the history says how it ended. */
    private String endedAttempts(String attempts, Instant now, String reason) {
        if (attempts == null || "null".equals(attempts)) {
            return null;
        }
        return json.write(dev.taskflux.api.Attempt.endLast(json.readAttempts(attempts), now,
                dev.taskflux.api.InstanceStatus.CANCELLED, reason));
    }

    private static LifecycleEvent event(EventType type, TaskDefinition d, UUID instance, Instant now, String reason) {
        return new LifecycleEvent(type, now, d.spec().owner(), d.id(), instance, Map.of("reason", reason));
    }

    /** Candidates admitted to run, and running instances cancelled to make room. */
    record Admission(List<Candidate> admitted, List<UUID> replaced) {
        static final Admission NONE = new Admission(List.of(), List.of());
    }
}
