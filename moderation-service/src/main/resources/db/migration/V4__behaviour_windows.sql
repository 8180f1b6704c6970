-- Behaviour over time (BH-1, BH-3), per group and sender; sender '' is the group as a whole. Times are epoch
-- milliseconds of the latest events; *_reported_until ends the burst already reported, so a burst is one violation.
-- One group's messages are judged on one partition, in order, so a row is only ever contended by a redelivery.
CREATE TABLE behaviour_window (
    group_id                 TEXT     NOT NULL,
    sender                   TEXT     NOT NULL,
    recent_messages          BIGINT[] NOT NULL DEFAULT '{}',
    messages_reported_until  BIGINT   NOT NULL DEFAULT 0,
    recent_images            BIGINT[] NOT NULL DEFAULT '{}',
    images_reported_until    BIGINT   NOT NULL DEFAULT 0,
    filler_run               INT      NOT NULL DEFAULT 0,
    -- the group row only: who sent the latest messages, and how many short ones in a row
    run_sender               TEXT,
    short_run                INT      NOT NULL DEFAULT 0,
    last_at                  BIGINT   NOT NULL DEFAULT 0,
    PRIMARY KEY (group_id, sender)
);
CREATE INDEX behaviour_window_last ON behaviour_window (last_at);
