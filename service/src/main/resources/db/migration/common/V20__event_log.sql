-- The lifecycle event log. Each event gets a global, strictly increasing sequence number from the
-- one-row counter: a transaction that appends events updates the counter row, which it then holds
-- until it commits, so events become visible in sequence order and a reader that has seen sequence
-- N never later finds a smaller one.
CREATE TABLE event_counter (
    id  INT    NOT NULL PRIMARY KEY,
    seq BIGINT NOT NULL
);
INSERT INTO event_counter (id, seq) VALUES (1, 0);

CREATE TABLE event_log (
    seq         BIGINT                   NOT NULL PRIMARY KEY,
    at          TIMESTAMP WITH TIME ZONE NOT NULL,
    type        VARCHAR(40)              NOT NULL,
    owner       VARCHAR(200),
    task_id     UUID,
    instance_id UUID,
    run_id      UUID,
    step_id     VARCHAR(200),
    payload     VARCHAR
);
CREATE INDEX event_log_at ON event_log (at);
