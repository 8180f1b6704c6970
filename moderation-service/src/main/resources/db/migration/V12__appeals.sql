-- SV-6: a sanctioned member appeals a violation with a reason; HR or the head of the group owner's department
-- decides with a reason. Upheld, the violation is reversed: it no longer counts on the ladder and its fine is off.
ALTER TABLE violation ADD COLUMN reversed_at TIMESTAMPTZ;
ALTER TABLE violation ADD COLUMN reversal_reason TEXT;
CREATE TABLE appeal (
    id              UUID        PRIMARY KEY,
    violation_id    UUID        NOT NULL REFERENCES violation (id),
    appellant       TEXT        NOT NULL,       -- the employee the violation is of
    reason          TEXT        NOT NULL,
    filed_at        TIMESTAMPTZ NOT NULL,
    decide_by       TIMESTAMPTZ NOT NULL,
    status          TEXT        NOT NULL CHECK (status IN ('PENDING', 'UPHELD', 'REJECTED')),
    decided_by      TEXT,
    decision_reason TEXT,
    decided_at      TIMESTAMPTZ
);
-- one appeal per violation: a second is refused, and two at once collide here (409)
CREATE UNIQUE INDEX appeal_violation ON appeal (violation_id);
CREATE INDEX appeal_pending ON appeal (decide_by) WHERE status = 'PENDING';
CREATE INDEX appeal_appellant ON appeal (appellant, filed_at);
