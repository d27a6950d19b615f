-- The lifecycle event log, stored as batches: each row holds the events one transaction appended
-- (at most a few hundred per row), with consecutive sequence numbers first_seq..last_seq, as one
-- JSON array in sequence order. Sequence numbers still come from event_counter, taken by the
-- appending transaction and held until it commits, so events become visible in sequence order.
-- recorded_at is the time of the batch's latest event, for retention.
CREATE TABLE event_batch (
    first_seq   BIGINT                   NOT NULL PRIMARY KEY,
    last_seq    BIGINT                   NOT NULL,
    recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
    events      VARCHAR(1000000)         NOT NULL
);
CREATE INDEX event_batch_recorded_at ON event_batch (recorded_at);
