package dev.taskflux.service.event;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

/**
 * Schema version 22: moves the events of the one-row-per-event log (version 20) into stored batches
 * (version 21), keeping every sequence number, then drops the old table. Runs at start-up, over
 * JDBC, before anything reads the log.
 */
@Component
class EventBatchMigration implements JavaMigration {

    private static final String SELECT = "SELECT seq, at, type, owner, task_id, instance_id, run_id, step_id, payload "
            + "FROM event_log ORDER BY seq";
    private static final String INSERT = "INSERT INTO event_batch (first_seq, last_seq, recorded_at, events) "
            + "VALUES (?, ?, ?, ?)";

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("22");
    }

    @Override
    public String getDescription() {
        return "move events into batches";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (Statement select = connection.createStatement(); ResultSet rows = select.executeQuery(SELECT);
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            List<LifecycleEvent> run = new ArrayList<>();
            long first = 0;
            long previous = 0;
            while (rows.next()) {
                long seq = rows.getLong("seq");
                if (!run.isEmpty() && (seq != previous + 1 || run.size() == EventLog.EVENTS_PER_ROW)) {
                    add(insert, first, run);
                    run.clear();
                }
                if (run.isEmpty()) {
                    first = seq;
                }
                run.add(event(rows));
                previous = seq;
            }
            if (!run.isEmpty()) {
                add(insert, first, run);
            }
            insert.executeBatch();
        }
        try (Statement drop = connection.createStatement()) {
            drop.execute("DROP TABLE event_log");
        }
    }

    private static LifecycleEvent event(ResultSet row) throws java.sql.SQLException {
        String payload = row.getString("payload");
        return new LifecycleEvent(EventType.valueOf(row.getString("type")),
                row.getObject("at", OffsetDateTime.class).toInstant(), row.getString("owner"),
                row.getObject("task_id", UUID.class), row.getObject("instance_id", UUID.class),
                row.getObject("run_id", UUID.class), row.getString("step_id"),
                payload == null ? null : EventBatchJson.payload(payload));
    }

    private static void add(PreparedStatement insert, long first, List<LifecycleEvent> events)
            throws java.sql.SQLException {
        insert.setLong(1, first);
        insert.setLong(2, first + events.size() - 1);
        insert.setObject(3, EventLog.recordedAt(events).atOffset(java.time.ZoneOffset.UTC));
        insert.setString(4, EventBatchJson.write(events));
        insert.addBatch();
    }
}
