-- The signatures of DingTalk robot callbacks seen within their replay window. The sign covers only the timestamp,
-- so a captured header could carry any other body: a (timestamp, sign) seen before is accepted again only with the
-- body it first came with (a redelivery), refused with any other.
CREATE TABLE robot_signature (
    scope       TEXT        NOT NULL,
    signed_at   TEXT        NOT NULL,
    sign        TEXT        NOT NULL,
    body_digest TEXT        NOT NULL,
    seen_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, signed_at, sign)
);
CREATE INDEX robot_signature_seen_at ON robot_signature (seen_at);
