-- Indexes of PostgreSQL's own kinds. Every index entry is written again by each state change of an
-- instance, so each index holds only the rows its query looks for.
--
-- History by definition, latest fire first.
CREATE INDEX IF NOT EXISTS task_instance_history ON task_instance (definition_id, fire_at);
-- The unfinished instances of a definition: what the overlap policies count on every claim, and
-- where expired leases are looked for, without reading a definition's whole retained history.
CREATE INDEX IF NOT EXISTS task_instance_active ON task_instance (definition_id)
    WHERE status IN ('PENDING', 'RUNNING', 'RETRYING');
-- Waiting instances nobody holds, in the order they are claimed (highest priority first, then the
-- earliest due), so a claim reads one batch of entries however long the queue behind it is.
-- Instances leased as they are recorded (the usual case), instances in a final state and instances
-- held for their dependencies (due at the end of time) are not in it.
DROP INDEX IF EXISTS task_instance_claimable;
CREATE INDEX task_instance_claimable ON task_instance (priority DESC, due_at)
    WHERE status IN ('PENDING', 'RETRYING') AND lease_owner IS NULL
      AND due_at < TIMESTAMP WITH TIME ZONE '9999-12-31 23:59:59+00';
-- Instances held for their dependencies, oldest fire first: looked for whenever an instance ends.
CREATE INDEX task_instance_held ON task_instance (fire_at)
    WHERE status = 'PENDING' AND due_at = TIMESTAMP WITH TIME ZONE '9999-12-31 23:59:59+00';
-- Only finished instances are ever removed by age.
DROP INDEX IF EXISTS task_instance_finished;
CREATE INDEX task_instance_finished ON task_instance (finished_at) WHERE finished_at IS NOT NULL;
-- Only active definitions are ever due.
DROP INDEX IF EXISTS task_definition_due;
CREATE INDEX task_definition_due ON task_definition (next_fire_at) WHERE status = 'ACTIVE';
-- A batch of events is one long JSON value, compressed on write: LZ4 (PostgreSQL 14 and later,
-- where the server is built with it) costs a fraction of the default pglz's CPU. Without it,
-- batches stay compressed with pglz.
DO $$
BEGIN
    ALTER TABLE event_batch ALTER COLUMN events SET COMPRESSION lz4;
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'event_batch.events keeps the default compression: %', SQLERRM;
END $$;
