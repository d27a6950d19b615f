-- One index fewer on the busiest table: every instance written, and every state change of it, adds
-- an entry to each of its indexes. The unique fire key now has the fire time right after the
-- definition, so it also serves a definition's history in fire order, and the separate history
-- index goes.
--
-- It is as strict as before: a scheduled fire has fire_at = scheduled_fire_at, so two scheduled
-- instances of one fire still collide; manual runs leave scheduled_fire_at null and, nulls being
-- distinct, never collide.
ALTER TABLE task_instance DROP CONSTRAINT task_instance_fire_once;
ALTER TABLE task_instance ADD CONSTRAINT task_instance_fire_once UNIQUE (definition_id, fire_at, scheduled_fire_at);
DROP INDEX IF EXISTS task_instance_history;
