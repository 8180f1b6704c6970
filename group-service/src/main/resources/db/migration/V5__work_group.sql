-- Work groups from their request (GL-1) through approval (GL-2) to activation and dissolution (GL-8).
CREATE TABLE work_group (
    id               TEXT        PRIMARY KEY,
    type_id          TEXT        NOT NULL REFERENCES group_type (id),
    name             TEXT        NOT NULL,
    department_id    TEXT        REFERENCES department (id),
    project_id       TEXT        REFERENCES project (id),
    purpose          TEXT        NOT NULL,
    owner_id         TEXT        NOT NULL,
    requested_by     TEXT        NOT NULL,
    intended_members JSONB       NOT NULL DEFAULT '[]',
    duplicates       JSONB       NOT NULL DEFAULT '[]',
    ends_on          DATE,
    status           TEXT        NOT NULL CHECK (status IN ('REQUESTED', 'REJECTED', 'APPROVED', 'ACTIVE', 'DISSOLVED')),
    round            INTEGER     NOT NULL DEFAULT 1,
    next_step        INTEGER     NOT NULL DEFAULT 0,
    requested_at     TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX work_group_department ON work_group (department_id, status);
CREATE INDEX work_group_owner ON work_group (owner_id);

-- Each decision of an approval chain, per round (a resubmission starts a new round).
CREATE TABLE group_approval (
    group_id   TEXT        NOT NULL REFERENCES work_group (id),
    round      INTEGER     NOT NULL,
    step       INTEGER     NOT NULL,
    label      TEXT,
    decided_by TEXT        NOT NULL,
    approved   BOOLEAN     NOT NULL,
    reason     TEXT        NOT NULL,
    decided_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (group_id, round, step)
);
