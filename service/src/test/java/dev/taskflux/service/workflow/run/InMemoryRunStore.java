package dev.taskflux.service.workflow.run;

import dev.taskflux.api.workflow.StepRun;
import dev.taskflux.api.workflow.WorkflowRun;
import dev.taskflux.service.event.LifecycleEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A {@link RunStore} in memory, every run leased to the one node using it, keeping the events it records. */
final class InMemoryRunStore implements RunStore {

    private final Map<UUID, RunStore.StoredRun> runs = new ConcurrentHashMap<>();
    private final Set<UUID> leased = ConcurrentHashMap.newKeySet();
    private final List<RunRequest> requests = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The events recorded with the changes, in order. */
    final List<LifecycleEvent> events = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public synchronized Mono<Void> insert(StoredRun run) {
        runs.put(run.run().id(), run);
        leased.add(run.run().id());
        return Mono.empty();
    }

    @Override
    public synchronized Mono<Set<UUID>> write(List<RunChange> changes, List<LifecycleEvent> recorded) {
        events.addAll(recorded);
        for (RunChange change : changes) {
            StoredRun stored = runs.get(change.runId());
            WorkflowRun r = stored.run();
            if (change.step() != null) {
                List<StepRun> steps = new ArrayList<>(r.steps());
                steps.replaceAll(s -> s.stepId().equals(change.step().stepId()) ? change.step() : s);
                runs.put(r.id(), RunRows.withSteps(stored, steps));
            } else {
                RunChange.Header h = change.header();
                runs.put(r.id(), new StoredRun(new WorkflowRun(r.id(), r.workflowId(), r.workflowVersion(),
                        r.workflowName(), r.owner(), h.status(), r.inputs(), r.steps(), h.error(), r.parentRunId(),
                        r.taskInstanceId(), r.createdAt(), h.startedAt(), h.finishedAt(), h.deadline()), stored.spec(),
                        stored.parentStepId()));
            }
        }
        return Mono.just(changes.stream().map(RunChange::runId).collect(Collectors.toSet()));
    }

    @Override
    public Mono<StoredRun> find(UUID runId) {
        return Mono.justOrEmpty(runs.get(runId));
    }

    @Override
    public Flux<WorkflowRun> list(WorkflowRuns.RunQuery query) {
        return Flux.fromStream(matching(query).skip(query.offset()).limit(query.limit()));
    }

    @Override
    public Mono<Long> count(WorkflowRuns.RunQuery query) {
        return Mono.just(matching(query).count());
    }

    private java.util.stream.Stream<WorkflowRun> matching(WorkflowRuns.RunQuery q) {
        Predicate<WorkflowRun> match = r -> (q.workflowId() == null || q.workflowId().equals(r.workflowId()))
                && (q.owner() == null || q.owner().equals(r.owner()))
                && (q.status() == null || q.status() == r.status())
                && (q.parentRunId() == null || q.parentRunId().equals(r.parentRunId()))
                && (q.taskInstanceId() == null || q.taskInstanceId().equals(r.taskInstanceId()));
        return runs.values().stream().map(StoredRun::run).filter(match)
                .sorted(Comparator.comparing(WorkflowRun::createdAt).reversed());
    }

    @Override
    public Mono<UUID> childOf(UUID parentRunId, String stepId) {
        return Mono.justOrEmpty(runs.values().stream()
                .filter(s -> parentRunId.equals(s.run().parentRunId()) && stepId.equals(s.parentStepId()))
                .map(s -> s.run().id()).findFirst());
    }

    @Override
    public Mono<List<UUID>> claimOrphans(int limit) {
        List<UUID> orphans = runs.values().stream().map(StoredRun::run)
                .filter(r -> !r.status().isFinal() && !leased.contains(r.id()))
                .map(WorkflowRun::id).limit(limit).toList();
        leased.addAll(orphans);
        return Mono.just(orphans);
    }

    @Override
    public Mono<Boolean> claim(UUID runId) {
        return Mono.just(leased.add(runId) || leased.contains(runId));
    }

    @Override
    public Mono<Set<UUID>> heartbeat(Set<UUID> local) {
        return Mono.just(local.stream().filter(id -> !leased.contains(id)).collect(Collectors.toSet()));
    }

    @Override
    public Mono<Void> request(RunRequest request) {
        requests.add(request);
        return Mono.empty();
    }

    @Override
    public synchronized Mono<List<RunRequest>> pendingRequests() {
        return Mono.just(requests.stream().filter(r -> leased.contains(r.runId())
                && !runs.get(r.runId()).run().status().isFinal()).toList());
    }

    @Override
    public synchronized Mono<Void> forgetRequests(List<UUID> ids) {
        requests.removeIf(r -> ids.contains(r.id()));
        return Mono.empty();
    }

    @Override
    public Mono<Long> expireOwnLeases() {
        long n = leased.size();
        leased.clear();
        return Mono.just(n);
    }

    /** The stored run, as a restarted node would read it. */
    WorkflowRun stored(UUID runId) {
        return Objects.requireNonNull(runs.get(runId)).run();
    }

    /** Simulates a node stop: every lease lapses. */
    void expireLeases() {
        leased.clear();
    }

    /** The stored steps by id. */
    Map<String, StepRun> steps(UUID runId) {
        Map<String, StepRun> byId = new LinkedHashMap<>();
        stored(runId).steps().forEach(s -> byId.put(s.stepId(), s));
        return byId;
    }
}
