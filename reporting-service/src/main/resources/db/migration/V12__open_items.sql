-- The dashboard's open items: deadlines opened and not yet measured (BH-5, BH-7, BH-9), appeals filed and not yet
-- decided (SV-6).
CREATE TABLE open_deadline (
    deadline_id     UUID PRIMARY KEY,
    kind            TEXT        NOT NULL,
    group_id        TEXT        NOT NULL,
    employee_id     TEXT,
    department_id   TEXT,
    leader_employee TEXT,
    opened_at       TIMESTAMPTZ NOT NULL,
    due_at          TIMESTAMPTZ NOT NULL,
    closed_at       TIMESTAMPTZ
);
CREATE INDEX open_deadline_open ON open_deadline (due_at) WHERE closed_at IS NULL;
CREATE TABLE open_appeal (
    appeal_id    UUID PRIMARY KEY,
    violation_id UUID        NOT NULL,
    group_id     TEXT        NOT NULL,
    rule_id      TEXT,
    appellant    TEXT,
    filed_at     TIMESTAMPTZ NOT NULL,
    decide_by    TIMESTAMPTZ,
    decided_at   TIMESTAMPTZ
);
CREATE INDEX open_appeal_open ON open_appeal (decide_by) WHERE decided_at IS NULL;
