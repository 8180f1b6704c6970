-- The violations read model HR and auditors query (SV-1, SV-3); evidence arrives masked.
CREATE TABLE violation_view (
    id              UUID PRIMARY KEY,
    rule_id         TEXT        NOT NULL,
    category        TEXT,
    severity        TEXT,
    group_id        TEXT        NOT NULL,
    member_id       TEXT,
    member_name     TEXT,
    message_id      TEXT,
    masked_evidence TEXT,
    sanction        TEXT,
    opened_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX violation_view_group ON violation_view (group_id, opened_at);
CREATE INDEX violation_view_member ON violation_view (member_id, opened_at);
CREATE INDEX violation_view_rule ON violation_view (rule_id, opened_at);
