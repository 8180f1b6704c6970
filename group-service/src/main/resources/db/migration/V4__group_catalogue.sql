-- The catalogue of group types (GL-7) and their policies as versioned documents (SV-9): a version is proposed,
-- then approved or rejected by a second person; the type's effective policy is its latest approved version.
CREATE TABLE group_type (
    id                TEXT        PRIMARY KEY,
    name              TEXT        NOT NULL,
    description       TEXT,
    effective_version INTEGER     NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL
);

CREATE TABLE policy_version (
    type_id         TEXT        NOT NULL,
    version         INTEGER     NOT NULL,
    type_name       TEXT        NOT NULL,
    description     TEXT,
    document        JSONB       NOT NULL,
    status          TEXT        NOT NULL CHECK (status IN ('PROPOSED', 'APPROVED', 'REJECTED')),
    proposed_by     TEXT        NOT NULL,
    proposed_at     TIMESTAMPTZ NOT NULL,
    reason          TEXT        NOT NULL,
    decided_by      TEXT,
    decided_at      TIMESTAMPTZ,
    decision_reason TEXT,
    PRIMARY KEY (type_id, version)
);
-- one open proposal per type: a second proposal would be decided against a policy that is about to change
CREATE UNIQUE INDEX policy_version_one_open_proposal ON policy_version (type_id) WHERE status = 'PROPOSED';
