-- Every index entry is written again by each state change. Instances leased as they are recorded
-- (the usual case) and instances in a final state are never claimed, so the claim index holds only
-- unleased waiting rows; only finished rows are ever removed by age; and only active definitions
-- are ever due. Expired leases are found through task_instance_active, which holds every
-- unfinished instance.
DROP INDEX task_instance_claimable;
CREATE INDEX task_instance_claimable ON task_instance (due_at)
    WHERE status IN ('PENDING', 'RETRYING') AND lease_owner IS NULL;
DROP INDEX task_instance_finished;
CREATE INDEX task_instance_finished ON task_instance (finished_at) WHERE finished_at IS NOT NULL;
DROP INDEX task_definition_due;
CREATE INDEX task_definition_due ON task_definition (next_fire_at) WHERE status = 'ACTIVE';
