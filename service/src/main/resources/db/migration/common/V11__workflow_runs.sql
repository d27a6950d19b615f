-- Workflow runs: one row per run, holding a copy of the definition version it runs (spec), so a
-- run keeps its version whatever happens to the definition. Unfinished runs are leased to the node
-- executing them, like task instances.
CREATE TABLE workflow_run (
    id               UUID                     NOT NULL PRIMARY KEY,
    workflow_id      UUID                     NOT NULL,
    workflow_version INT                      NOT NULL,
    workflow_name    VARCHAR(200)             NOT NULL,
    owner            VARCHAR(200)             NOT NULL,
    status           VARCHAR(16)              NOT NULL,
    spec             VARCHAR                  NOT NULL,
    inputs           VARCHAR                  NOT NULL,
    error            VARCHAR,
    parent_run_id    UUID,
    parent_step_id   VARCHAR(200),
    task_instance_id UUID,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at       TIMESTAMP WITH TIME ZONE,
    finished_at      TIMESTAMP WITH TIME ZONE,
    deadline         TIMESTAMP WITH TIME ZONE,
    lease_owner      VARCHAR(100),
    lease_expires_at TIMESTAMP WITH TIME ZONE
);
CREATE INDEX workflow_run_status ON workflow_run (status, lease_expires_at);
CREATE INDEX workflow_run_workflow ON workflow_run (workflow_id, created_at);
CREATE INDEX workflow_run_owner ON workflow_run (owner, created_at);
CREATE INDEX workflow_run_parent ON workflow_run (parent_run_id);
CREATE INDEX workflow_run_task_instance ON workflow_run (task_instance_id);
CREATE INDEX workflow_run_finished ON workflow_run (finished_at);

-- The steps of a run, one row each, written as their state changes. MAP and PIPELINE steps keep
-- their item counts in progress_done / progress_total while they run and every item's outcome in
-- output once they finish.
CREATE TABLE workflow_step (
    run_id         UUID                     NOT NULL REFERENCES workflow_run (id) ON DELETE CASCADE,
    step_id        VARCHAR(200)             NOT NULL,
    position       INT                      NOT NULL,
    type           VARCHAR(16)              NOT NULL,
    status         VARCHAR(16)              NOT NULL,
    attempts       VARCHAR,
    output         VARCHAR,
    error          VARCHAR,
    progress_done  BIGINT,
    progress_total BIGINT,
    started_at     TIMESTAMP WITH TIME ZONE,
    finished_at    TIMESTAMP WITH TIME ZONE,
    wait_until     TIMESTAMP WITH TIME ZONE,
    compensation   VARCHAR,
    PRIMARY KEY (run_id, step_id)
);
