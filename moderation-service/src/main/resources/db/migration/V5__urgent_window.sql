-- BH-2: a sender's urgent messages in rest time, counted against the policy's weekly allowance.
ALTER TABLE behaviour_window
    ADD COLUMN recent_urgent         BIGINT[] NOT NULL DEFAULT '{}',
    ADD COLUMN urgent_reported_until BIGINT   NOT NULL DEFAULT 0;
