package dev.taskflux.service.storage;

import java.util.Locale;

/** The few SQL fragments that differ between PostgreSQL and the embedded H2 database. */
public enum SqlDialect {
    POSTGRESQL("postgresql", "now()", "now() + %s * interval '1 millisecond'",
            "EXTRACT(EPOCH FROM (%2$s - %1$s)) * 1000", "FOR KEY SHARE"),
    H2("h2", "CURRENT_TIMESTAMP", "DATEADD(MILLISECOND, %s, CURRENT_TIMESTAMP)", "DATEDIFF(MILLISECOND, %1$s, %2$s)",
            "FOR UPDATE");

    /** Schema migrations every database runs. */
    public static final String COMMON_MIGRATIONS = "classpath:db/migration/common";

    private final String vendor;

    private final String now;
    private final String nowPlusMillis;
    private final String millisBetween;
    private final String keyLock;

    SqlDialect(String vendor, String now, String nowPlusMillis, String millisBetween, String keyLock) {
        this.vendor = vendor;
        this.now = now;
        this.nowPlusMillis = nowPlusMillis;
        this.millisBetween = millisBetween;
        this.keyLock = keyLock;
    }

    /** The dialect of an R2DBC or JDBC URL. */
    public static SqlDialect of(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.contains(":postgresql:") || lower.contains(":postgres:")) {
            return POSTGRESQL;
        }
        if (lower.contains(":h2:")) {
            return H2;
        }
        throw new IllegalArgumentException("Unsupported database URL (PostgreSQL or H2 expected): " + url);
    }

    /**
     * Schema migrations only this database runs (its own index types, for one), beside
     * {@link #COMMON_MIGRATIONS}.
     */
    public String migrations() {
        return "classpath:db/migration/" + vendor;
    }

    /** The database clock, as an SQL expression. */
    public String now() {
        return now;
    }

    /** The milliseconds from the instant {@code from} to the instant {@code to}, as an SQL expression. */
    public String millisBetween(String from, String to) {
        return millisBetween.formatted(from, to);
    }

    /** The database clock plus the milliseconds bound to {@code parameter}, as an SQL expression. */
    public String nowPlusMillis(String parameter) {
        return nowPlusMillis.formatted(parameter);
    }

    /**
     * The locking clause that keeps selected rows from being deleted (or their key changed) until the
     * transaction ends, blocking as little else as the database allows.
     */
    public String keyLock() {
        return keyLock;
    }
}
