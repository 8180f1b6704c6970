-- SV-3: every member's settled acknowledgement of a notice (BH-6), in time or not: the assessment's acknowledgement
-- rate.
CREATE TABLE acknowledgement (
    notice_id       UUID        NOT NULL,
    member_id       TEXT        NOT NULL,
    employee_id     TEXT,
    group_id        TEXT        NOT NULL,
    posted_at       TIMESTAMPTZ,
    due_at          TIMESTAMPTZ NOT NULL,
    acknowledged_at TIMESTAMPTZ,
    PRIMARY KEY (notice_id, member_id)
);
CREATE INDEX acknowledgement_employee ON acknowledgement (employee_id, due_at);
