-- Every index on task_instance is written again by each state change, and most of the cost of a
-- busy node is write-ahead log. History by definition is served by the unique fire key
-- (definition_id first); leases are renewed by instance id, and expired ones are found through
-- the claimable index (status first).
DROP INDEX task_instance_history;
DROP INDEX task_instance_lease;
