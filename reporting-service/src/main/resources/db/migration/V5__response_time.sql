-- SV-3, SV-4: every deadline closed in moderation (ResponseMeasured): a leader's task answered (BH-5) or closed the
-- same day (BH-7), a customer replied to (BH-9), in time or not; what the responsiveness assessment reads.
CREATE TABLE response_time (
    deadline_id      UUID        PRIMARY KEY,
    kind             TEXT        NOT NULL,
    group_id         TEXT        NOT NULL,
    member_id        TEXT,
    employee_id      TEXT,
    department_id    TEXT,
    leader_employee  TEXT,
    opened_at        TIMESTAMPTZ NOT NULL,
    due_at           TIMESTAMPTZ NOT NULL,
    answered_at      TIMESTAMPTZ,
    response_seconds BIGINT,
    met              BOOLEAN     NOT NULL,
    violation_id     UUID
);
CREATE INDEX response_time_employee ON response_time (employee_id, opened_at);
CREATE INDEX response_time_department ON response_time (department_id, opened_at);
CREATE INDEX response_time_opened ON response_time (opened_at);
