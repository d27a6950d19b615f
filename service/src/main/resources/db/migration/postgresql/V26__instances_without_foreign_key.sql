-- Instances no longer carry a foreign key to their definition. The key's check ran a lookup and took a
-- row lock on the definition for every instance recorded, a third of the cost of recording one, on the
-- engine's busiest statement. Every writer already keeps the rows consistent: a fire round records
-- instances only for definitions it holds locked, a manual run holds its definition against deletion
-- while it records the instance, and deleting a definition deletes its history after it, once whoever
-- held the definition has committed.
DO $$
DECLARE
    fk RECORD;
BEGIN
    FOR fk IN SELECT conname FROM pg_constraint
              WHERE conrelid = 'task_instance'::regclass AND confrelid = 'task_definition'::regclass AND contype = 'f'
    LOOP
        EXECUTE format('ALTER TABLE task_instance DROP CONSTRAINT %I', fk.conname);
    END LOOP;
END $$;
