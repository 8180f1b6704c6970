-- SV-7: employees' feedback on how the rules are applied: a violation flagged as a false positive, or a comment on
-- a rule. HR reads it aggregated per rule and term.
CREATE TABLE feedback (
    id           UUID        PRIMARY KEY,
    kind         TEXT        NOT NULL CHECK (kind IN ('FALSE_POSITIVE', 'COMMENT')),
    violation_id UUID        REFERENCES violation (id),
    rule_id      TEXT        NOT NULL,
    term         TEXT,                      -- the term the violation was found by, for a false positive
    author       TEXT        NOT NULL,      -- employee id
    text         TEXT        NOT NULL,
    given_at     TIMESTAMPTZ NOT NULL
);
-- one false-positive flag per person and violation
CREATE UNIQUE INDEX feedback_flag_once ON feedback (violation_id, author) WHERE kind = 'FALSE_POSITIVE';
CREATE INDEX feedback_rule ON feedback (rule_id, given_at);
