-- Event batches get their sequence numbers after their transaction has committed, in a short
-- numbering transaction of their own, instead of while it commits. The deferred trigger of V24 held
-- the one-row event_counter from the start of its commit to the end, write-ahead log flush included,
-- so every transaction that appended events committed one at a time, on every node: creating tasks
-- through the API topped out at one commit per disk flush. Appending transactions now touch no
-- shared row and commit side by side.
--
-- An appending transaction inserts its batches under placeholder sequences (negative, from
-- event_batch_pending, as before) and, once committed, its node numbers them with
-- event_batch_number(placeholders), several commits at a time. event_batch_number_all(n) numbers
-- whatever committed batches are left, such as those of a node that stopped right after committing;
-- every node runs it on its event poll. Both number batches in the order they were inserted and take
-- the numbers from event_counter, whose row numbering transactions queue on, so numbers become
-- visible in order: a reader that has seen sequence N never later finds a smaller one, and a batch
-- appended after another committed always gets the larger number.
DROP TRIGGER event_batch_sequenced ON event_batch;
DROP FUNCTION event_batch_sequence();

-- Numbers the given placeholder batches that are still unnumbered; returns how many it numbered.
CREATE FUNCTION event_batch_number(placeholders BIGINT[]) RETURNS INT LANGUAGE plpgsql AS $$
DECLARE
    last_taken BIGINT;
    numbered   INT;
    new_last   BIGINT;
BEGIN
    SELECT seq INTO last_taken FROM event_counter WHERE id = 1 FOR UPDATE;
    WITH pending AS (
        SELECT first_seq AS placeholder, last_seq - first_seq + 1 AS size FROM event_batch
        WHERE first_seq = ANY (placeholders) AND first_seq < 0
    ), placed AS (
        SELECT placeholder, size, last_taken + sum(size) OVER (ORDER BY placeholder DESC) AS last_seq FROM pending
    ), moved AS (
        UPDATE event_batch b SET first_seq = p.last_seq - p.size + 1, last_seq = p.last_seq
        FROM placed p WHERE b.first_seq = p.placeholder RETURNING b.last_seq
    )
    SELECT count(*), max(moved.last_seq) INTO numbered, new_last FROM moved;
    IF numbered > 0 THEN
        UPDATE event_counter SET seq = new_last WHERE id = 1;
        PERFORM pg_notify('taskflux_events', '');
    END IF;
    RETURN numbered;
END
$$;

-- Numbers up to max_batches of the oldest committed placeholder batches; returns how many.
CREATE FUNCTION event_batch_number_all(max_batches INT) RETURNS INT LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM event_batch WHERE first_seq < 0) THEN
        RETURN 0;
    END IF;
    RETURN event_batch_number(ARRAY(SELECT first_seq FROM event_batch WHERE first_seq < 0
                                    ORDER BY first_seq DESC LIMIT max_batches));
END
$$;
