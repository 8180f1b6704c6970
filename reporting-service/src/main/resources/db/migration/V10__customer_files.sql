-- MK-3: what a customer file is made of. Who raised a customer's deadline (BH-9: the customer, <platform>:<userId>),
-- which people the directory marks external, and what makes a staff message in a group promotional (its policy's
-- moderation.marketing.markers; null: the default markers).
ALTER TABLE response_time ADD COLUMN leader_id TEXT;
CREATE INDEX response_time_leader ON response_time (leader_id, opened_at) WHERE kind = 'CUSTOMER_REPLY';
ALTER TABLE person ADD COLUMN external BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE group_replica ADD COLUMN marketing_markers JSONB;
