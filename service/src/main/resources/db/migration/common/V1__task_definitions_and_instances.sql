-- Task definitions: the rules. The full spec is kept as JSON; the columns the dispatcher and the
-- list filters query are kept beside it.
CREATE TABLE task_definition (
    id              UUID                     NOT NULL PRIMARY KEY,
    name            VARCHAR(200)             NOT NULL,
    owner           VARCHAR(200)             NOT NULL,
    handler         VARCHAR(200)             NOT NULL,
    spec            VARCHAR                  NOT NULL,
    status          VARCHAR(16)              NOT NULL,
    priority        INT                      NOT NULL,
    overlap_policy  VARCHAR(16)              NOT NULL,
    max_instances   INT,
    next_fire_at    TIMESTAMP WITH TIME ZONE,
    run_count       BIGINT                   NOT NULL,
    version         BIGINT                   NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX task_definition_due ON task_definition (status, next_fire_at);
CREATE INDEX task_definition_owner ON task_definition (owner, created_at);

CREATE TABLE task_label (
    definition_id UUID         NOT NULL REFERENCES task_definition (id) ON DELETE CASCADE,
    label_key     VARCHAR(200) NOT NULL,
    label_value   VARCHAR(200) NOT NULL,
    PRIMARY KEY (definition_id, label_key)
);
CREATE INDEX task_label_pair ON task_label (label_key, label_value);

-- Task instances: one row per fire (or manual trigger), kept as history. A scheduled fire has
-- scheduled_fire_at set, and the unique key makes each fire happen once across nodes; manual runs
-- leave it null (nulls never collide).
CREATE TABLE task_instance (
    id                UUID                     NOT NULL PRIMARY KEY,
    definition_id     UUID                     NOT NULL REFERENCES task_definition (id) ON DELETE CASCADE,
    owner             VARCHAR(200)             NOT NULL,
    handler           VARCHAR(200)             NOT NULL,
    kind              VARCHAR(16)              NOT NULL,
    fire_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    scheduled_fire_at TIMESTAMP WITH TIME ZONE,
    status            VARCHAR(16)              NOT NULL,
    attempt           INT                      NOT NULL,
    priority          INT                      NOT NULL,
    due_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at        TIMESTAMP WITH TIME ZONE,
    finished_at       TIMESTAMP WITH TIME ZONE,
    result            VARCHAR,
    error             VARCHAR,
    attempts          VARCHAR,
    lease_owner       VARCHAR(100),
    lease_expires_at  TIMESTAMP WITH TIME ZONE,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT task_instance_fire_once UNIQUE (definition_id, scheduled_fire_at)
);
CREATE INDEX task_instance_claimable ON task_instance (status, due_at);
CREATE INDEX task_instance_history ON task_instance (definition_id, fire_at);
CREATE INDEX task_instance_lease ON task_instance (lease_owner, status);
CREATE INDEX task_instance_finished ON task_instance (finished_at);
