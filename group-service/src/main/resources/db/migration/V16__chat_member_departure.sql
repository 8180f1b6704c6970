-- When each person last left each chat, by the platform's clock: a join the platform reports late (dated before
-- that departure) does not bring back someone who has left, and a late departure from an earlier stay does not
-- remove someone who has come back since.
CREATE TABLE chat_member_departure (
    chat_key         TEXT        NOT NULL,
    platform_user_id TEXT        NOT NULL,
    left_at          TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (chat_key, platform_user_id)
);
