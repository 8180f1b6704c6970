-- Every verified webhook delivery, by the platform's own dedupe key: a redelivery (or the same delivery on
-- two threads at once) finds its key here and is acknowledged without publishing again. Unrecognised
-- types keep their decrypted body for operators. Rows older than qunguan.webhooks.retention are purged (V2).
CREATE TABLE webhook_delivery (
    delivery_key TEXT        PRIMARY KEY,
    platform     TEXT        NOT NULL,
    event_type   TEXT        NOT NULL,
    event_count  INTEGER     NOT NULL,
    raw          TEXT,
    received_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
