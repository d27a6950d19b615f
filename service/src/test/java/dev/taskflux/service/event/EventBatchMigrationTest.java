package dev.taskflux.service.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskflux.service.storage.SqlDialect;
import dev.taskflux.service.support.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Upgrading a database whose log holds one row per event (schema version 20) keeps every event,
 * with its sequence number, in the batches the log now stores.
 */
class EventBatchMigrationTest {

    private static final Instant AT = Instant.parse("2026-11-01T08:00:00.123456Z");

    @Test
    void eventsOfTheOldLogAreKeptWithTheirSequencesOnPostgresql() throws Exception {
        TestPostgres.Database db = TestPostgres.freshDatabase();
        upgradeKeepsEvents(db.r2dbcUrl().replaceFirst("^r2dbc:", "jdbc:"), db.username(), db.password());
    }

    @Test
    void eventsOfTheOldLogAreKeptWithTheirSequencesOnH2() throws Exception {
        Path dir = Files.createTempDirectory("taskflux-h2");
        upgradeKeepsEvents("jdbc:h2:file:" + dir.toAbsolutePath() + "/taskflux;MODE=PostgreSQL", "sa", "");
    }

    private void upgradeKeepsEvents(String url, String user, String password) throws Exception {
        flyway(url, user, password).target("20").load().migrate();
        UUID task = UUID.randomUUID();
        UUID instance = UUID.randomUUID();
        UUID run = UUID.randomUUID();
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            insert(c, 1, "TASK_CREATED", task, null, null, null, null);
            insert(c, 2, "INSTANCE_STARTED", task, instance, null, null, "{\"attempt\":1}");
            insert(c, 3, "WORKFLOW_STEP_COMPLETED", null, null, run, "fetch", null);
            insert(c, 7, "INSTANCE_COMPLETED", task, instance, null, null, "{\"attempt\":1,\"result\":{\"ok\":true}}");
            c.createStatement().execute("UPDATE event_counter SET seq = 7");
        }

        flyway(url, user, password).javaMigrations(new EventBatchMigration()).load().migrate();

        try (Connection c = DriverManager.getConnection(url, user, password)) {
            List<long[]> ranges = new ArrayList<>();
            List<LifecycleEvent> events = new ArrayList<>();
            try (ResultSet rows = c.createStatement().executeQuery(
                    "SELECT first_seq, last_seq, events FROM event_batch ORDER BY first_seq")) {
                while (rows.next()) {
                    ranges.add(new long[] {rows.getLong(1), rows.getLong(2)});
                    events.addAll(EventBatchJson.read(rows.getString(3)));
                }
            }
            assertThat(ranges).containsExactly(new long[] {1, 3}, new long[] {7, 7});
            assertThat(events).containsExactly(
                    new LifecycleEvent(EventType.TASK_CREATED, AT, "ann", task, null, null, null, Map.of()),
                    new LifecycleEvent(EventType.INSTANCE_STARTED, AT, "ann", task, instance, null, null,
                            Map.of("attempt", 1)),
                    new LifecycleEvent(EventType.WORKFLOW_STEP_COMPLETED, AT, "ann", null, null, run, "fetch", Map.of()),
                    new LifecycleEvent(EventType.INSTANCE_COMPLETED, AT, "ann", task, instance, null, null,
                            Map.of("attempt", 1, "result", Map.of("ok", true))));
            assertThatThrownBy(() -> c.createStatement().executeQuery("SELECT COUNT(*) FROM event_log"))
                    .isInstanceOf(SQLException.class);
        }
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(String url, String user,
                                                                                 String password) {
        return Flyway.configure().dataSource(url, user, password)
                .locations(SqlDialect.COMMON_MIGRATIONS, SqlDialect.of(url).migrations());
    }

    private static void insert(Connection c, long seq, String type, UUID task, UUID instance, UUID run, String step,
                               String payload) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO event_log (seq, at, type, owner, task_id, "
                + "instance_id, run_id, step_id, payload) VALUES (?, ?, ?, 'ann', ?, ?, ?, ?, ?)")) {
            insert.setLong(1, seq);
            insert.setObject(2, AT.atOffset(ZoneOffset.UTC));
            insert.setString(3, type);
            insert.setObject(4, task);
            insert.setObject(5, instance);
            insert.setObject(6, run);
            insert.setString(7, step);
            insert.setString(8, payload);
            insert.executeUpdate();
        }
    }
}
