-- Membership changes requested in Qunguan and reviewed by the group's owner, admins, department head or HR (MB-2).
CREATE TABLE membership_request (
    id              BIGSERIAL   PRIMARY KEY,
    group_id        TEXT        NOT NULL REFERENCES work_group (id),
    change          TEXT        NOT NULL CHECK (change IN ('ADD', 'REMOVE')),
    employee_id     TEXT        NOT NULL,
    reason          TEXT        NOT NULL,
    concerns        JSONB       NOT NULL DEFAULT '[]',  -- what the reviewer should know, e.g. MB-8 eligibility
    requested_by    TEXT        NOT NULL,
    requested_at    TIMESTAMPTZ NOT NULL,
    status          TEXT        NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'REJECTED', 'DONE')),
    decided_by      TEXT,
    decided_at      TIMESTAMPTZ,
    decision_reason TEXT,
    done_at         TIMESTAMPTZ
);
-- one live request per group, person and change
CREATE UNIQUE INDEX membership_request_live ON membership_request (group_id, employee_id, change)
    WHERE status IN ('PENDING', 'APPROVED');
CREATE INDEX membership_request_group ON membership_request (group_id, requested_at);
