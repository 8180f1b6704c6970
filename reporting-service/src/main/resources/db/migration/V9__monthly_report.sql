-- SV-1: each period's reports, one per department with a head and one for the company, published once: the unique
-- key makes a second replica's (or a second run's) insert a no-op, and the event goes out in the same transaction.
CREATE TABLE monthly_report (
    id            UUID PRIMARY KEY,
    period        TEXT        NOT NULL,
    scope         TEXT        NOT NULL CHECK (scope IN ('DEPARTMENT', 'COMPANY')),
    department_id TEXT,
    recipient_id  TEXT,
    people        BIGINT      NOT NULL,
    violations    BIGINT      NOT NULL,
    fines_yuan    BIGINT      NOT NULL,
    average_score DOUBLE PRECISION NOT NULL,
    change        DOUBLE PRECISION NOT NULL,
    published_at  TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX monthly_report_once ON monthly_report (period, scope, COALESCE(department_id, ''));
