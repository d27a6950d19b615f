package dev.taskflux.service.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskflux.service.support.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each database runs the common migrations and its own vendor's, as the service does at start-up. */
class SchemaMigrationTest {

    @Test
    void postgresqlGetsItsPartialAndOrderedIndexes() throws SQLException {
        TestPostgres.Database db = TestPostgres.freshDatabase();
        StorageConfiguration.migrate(db.r2dbcUrl(), db.username(), db.password());

        try (Connection c = DriverManager.getConnection(DatabaseUrls.jdbcUrl(db.r2dbcUrl()), db.username(),
                db.password())) {
            assertThat(strings(c, "SELECT version FROM flyway_schema_history WHERE success")).contains("23", "25", "26");
            assertThat(indexDefinition(c, "task_instance_claimable"))
                    .contains("(priority DESC, due_at)")
                    .contains("WHERE")
                    .contains("lease_owner IS NULL");
            assertThat(indexDefinition(c, "task_instance_active")).contains("(definition_id) WHERE");
            assertThat(indexDefinition(c, "task_instance_finished")).contains("WHERE (finished_at IS NOT NULL)");
            assertThat(indexDefinition(c, "task_definition_due")).contains("(next_fire_at) WHERE");
            assertThat(indexDefinition(c, "task_instance_fire_once"))
                    .contains("UNIQUE").contains("(definition_id, fire_at, scheduled_fire_at)");
            assertThat(strings(c, "SELECT indexname FROM pg_indexes WHERE indexname = 'task_instance_history'"))
                    .isEmpty();
            assertThat(strings(c, "SELECT conname FROM pg_constraint WHERE conrelid = 'task_instance'::regclass "
                    + "AND contype = 'f'")).isEmpty();
        }
    }

    @Test
    void h2GetsItsOwnIndexes() throws Exception {
        Path dir = Files.createTempDirectory("taskflux-h2");
        String url = "r2dbc:h2:file:///" + dir.toAbsolutePath() + "/taskflux?options=MODE=PostgreSQL";
        StorageConfiguration.migrate(url, "sa", "");

        try (Connection c = DriverManager.getConnection(DatabaseUrls.jdbcUrl(url), "sa", "")) {
            assertThat(strings(c, "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\""))
                    .contains("23", "25");
            assertThat(strings(c, "SELECT DISTINCT INDEX_NAME FROM INFORMATION_SCHEMA.INDEXES "
                    + "WHERE TABLE_NAME = 'TASK_INSTANCE'"))
                    .contains("TASK_INSTANCE_ACTIVE")
                    .doesNotContain("TASK_INSTANCE_HISTORY");
            assertThat(strings(c, "SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.KEY_COLUMN_USAGE "
                    + "WHERE CONSTRAINT_NAME = 'TASK_INSTANCE_FIRE_ONCE' ORDER BY ORDINAL_POSITION"))
                    .containsExactly("DEFINITION_ID", "FIRE_AT", "SCHEDULED_FIRE_AT");
        }
    }

    private static String indexDefinition(Connection c, String index) throws SQLException {
        List<String> found = strings(c, "SELECT indexdef FROM pg_indexes WHERE indexname = '" + index + "'");
        assertThat(found).as(index).hasSize(1);
        return found.get(0);
    }

    private static List<String> strings(Connection c, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rows = c.createStatement().executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
