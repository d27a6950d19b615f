-- History by definition, latest fire first, and the unfinished instances of a definition (what the
-- overlap policies count on every claim) without reading its whole retained history.
CREATE INDEX task_instance_history ON task_instance (definition_id, fire_at);
CREATE INDEX task_instance_active ON task_instance (definition_id)
    WHERE status IN ('PENDING', 'RUNNING', 'RETRYING');
