-- History by definition, latest fire first, and the unfinished instances of a definition (what the
-- overlap policies count on every claim). H2 has no partial indexes, so the state is a key column.
CREATE INDEX IF NOT EXISTS task_instance_history ON task_instance (definition_id, fire_at);
CREATE INDEX IF NOT EXISTS task_instance_active ON task_instance (definition_id, status);
