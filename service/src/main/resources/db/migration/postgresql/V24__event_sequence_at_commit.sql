-- Sequence numbers are given to a transaction's event batches as it commits, not when it appends
-- them. The one-row event_counter still makes events visible in sequence order across nodes, but a
-- transaction now holds it only while committing: before, it held it from its append until the
-- application sent COMMIT, one client round trip later, and every other appending transaction on
-- every node queued behind that round trip.
--
-- An appending transaction inserts its batches with placeholder sequences: negative, unique (from
-- event_batch_pending), and as long as the batch. At commit a deferred trigger takes that many
-- numbers from event_counter for each placeholder batch, in the order they were inserted, and moves
-- the batch to them. Readers only ever see committed rows, so they only ever see real numbers.
CREATE SEQUENCE event_batch_pending;

CREATE FUNCTION event_batch_sequence() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    batch_size BIGINT := NEW.last_seq - NEW.first_seq + 1;
    last_taken BIGINT;
BEGIN
    UPDATE event_counter SET seq = seq + batch_size WHERE id = 1 RETURNING seq INTO last_taken;
    UPDATE event_batch SET first_seq = last_taken - batch_size + 1, last_seq = last_taken
        WHERE first_seq = NEW.first_seq;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER event_batch_sequenced AFTER INSERT ON event_batch
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (NEW.first_seq < 0) EXECUTE FUNCTION event_batch_sequence();
