-- Work IM accounts (AC-1..5): applied for with a reason and period, reviewed by the department head, approved by a
-- company leader, allocated by HR; acknowledged as for work only and not to be lent (AC-2); reported lost or stolen
-- (AC-4); reclaimed when the holder leaves (AC-3).
CREATE TABLE work_account (
    id                 TEXT        PRIMARY KEY,
    employee_id        TEXT        NOT NULL REFERENCES employee (id),
    platform           TEXT        NOT NULL,
    reason             TEXT        NOT NULL,
    period_from        DATE        NOT NULL,
    period_to          DATE,
    status             TEXT        NOT NULL CHECK (status IN ('REQUESTED', 'REVIEWED', 'APPROVED', 'ALLOCATED',
                                                              'REJECTED', 'LOST', 'RECLAIMED')),
    acknowledged_at    TIMESTAMPTZ NOT NULL,
    platform_user_id   TEXT,
    reviewed_by        TEXT,
    review_reason      TEXT,
    approved_by        TEXT,
    approval_reason    TEXT,
    allocated_by       TEXT,
    allocated_at       TIMESTAMPTZ,
    lost_at            TIMESTAMPTZ,
    loss_detail        TEXT,
    reclaimed_at       TIMESTAMPTZ,
    reclaim_reason     TEXT,
    requested_at       TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL
);
CREATE INDEX work_account_employee ON work_account (employee_id);
-- one live application or account per person and platform
CREATE UNIQUE INDEX work_account_live ON work_account (employee_id, platform)
    WHERE status IN ('REQUESTED', 'REVIEWED', 'APPROVED', 'ALLOCATED', 'LOST');
