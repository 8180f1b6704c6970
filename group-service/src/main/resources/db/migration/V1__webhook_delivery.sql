-- Every verified webhook delivery, by the platform's own dedupe key: a redelivery (or the same delivery on
-- two threads at once) finds its key here and is acknowledged without publishing again. Unrecognised
-- types keep their decrypted body for operators. Rows older than the platforms' retry horizon are purged.
CREATE TABLE webhook_delivery (
    delivery_key TEXT        PRIMARY KEY,
    platform     TEXT        NOT NULL,
    event_type   TEXT        NOT NULL,
    event_count  INTEGER     NOT NULL,
    raw          TEXT,
    received_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX webhook_delivery_received ON webhook_delivery (received_at);
CREATE INDEX webhook_delivery_unrecognised ON webhook_delivery (platform, received_at) WHERE raw IS NOT NULL;
