-- Workflow definitions: one head row per definition and one row per stored version. An edit adds
-- a version and moves the head to it; runs name the version they started with, so old versions
-- are kept. Deleting a definition is soft: the head is marked deleted and its name freed, while
-- its versions stay readable by the runs that use them.
CREATE TABLE workflow_definition (
    id             UUID                     NOT NULL PRIMARY KEY,
    owner          VARCHAR(200)             NOT NULL,
    name           VARCHAR(200)             NOT NULL,
    -- the name while the definition is live, NULL once deleted: names are unique per owner among
    -- live definitions only (NULLs never collide)
    live_name      VARCHAR(200),
    latest_version INT                      NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    deleted_at     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT workflow_definition_name UNIQUE (owner, live_name)
);
CREATE INDEX workflow_definition_listed ON workflow_definition (owner, created_at);

CREATE TABLE workflow_definition_version (
    definition_id UUID                     NOT NULL REFERENCES workflow_definition (id),
    version       INT                      NOT NULL,
    spec          VARCHAR                  NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (definition_id, version)
);
