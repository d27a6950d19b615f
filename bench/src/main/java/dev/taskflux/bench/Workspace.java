package dev.taskflux.bench;

import java.io.PrintStream;
import java.sql.SQLException;

/**
 * The database side of one benchmark run, opened together and closed in reverse: the scratch
 * database, the benchmark's own connection to it and, if asked for, the vacuum stand-in.
 */
final class Workspace implements AutoCloseable {

    private final ScratchDatabase database;
    private final Ledger ledger;
    private final Housekeeping housekeeping;
    private final String autovacuum;

    private Workspace(ScratchDatabase database, Ledger ledger, Housekeeping housekeeping, String autovacuum) {
        this.database = database;
        this.ledger = ledger;
        this.housekeeping = housekeeping;
        this.autovacuum = autovacuum;
    }

    /** Creates the scratch database and says so on {@code out}; drops it again if anything else fails. */
    static Workspace open(PostgresOptions postgres, PrintStream out) throws SQLException {
        ScratchDatabase database = ScratchDatabase.create(postgres);
        try {
            Ledger ledger = new Ledger(database.connect());
            String autovacuum = ledger.setting("autovacuum");
            Workspace workspace = new Workspace(database, ledger, Housekeeping.start(database, postgres.vacuumEvery),
                    autovacuum);
            out.println("Scratch database " + database.name() + " on " + postgres.host + ":" + postgres.port + "; "
                    + workspace.maintenance());
            return workspace;
        } catch (SQLException | RuntimeException e) {
            database.close();
            throw e;
        }
    }

    ScratchDatabase database() {
        return database;
    }

    Ledger ledger() {
        return ledger;
    }

    /** How the database is kept: the server's autovacuum setting and the stand-in, if any. */
    String maintenance() {
        String server = "server autovacuum=" + autovacuum;
        if (!housekeeping.enabled()) {
            return server + ", no bench VACUUM";
        }
        return server + ", bench VACUUM (ANALYZE) every " + database.server().vacuumEvery + " ("
                + housekeeping.runs() + " runs so far)";
    }

    @Override
    public void close() throws Exception {
        try (ScratchDatabase db = database; Ledger l = ledger) {
            housekeeping.close();
        }
    }
}
