-- Requests to steer a run (cancel, pause, resume, signal) made on a node other than the one
-- executing it: the executing node takes and applies them as it polls.
CREATE TABLE workflow_run_request (
    id         UUID                     NOT NULL PRIMARY KEY,
    run_id     UUID                     NOT NULL REFERENCES workflow_run (id) ON DELETE CASCADE,
    kind       VARCHAR(16)              NOT NULL,
    step_id    VARCHAR(200),
    payload    VARCHAR,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX workflow_run_request_run ON workflow_run_request (run_id, created_at);
