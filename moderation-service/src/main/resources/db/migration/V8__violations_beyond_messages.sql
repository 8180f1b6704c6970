-- Violations of findings made outside messages (BH-6, MT-1, MT-2 from notification-service): one notice is the
-- violation of every member who did not acknowledge it, and a meeting noticed over REST knows its organiser only in
-- the directory. A violation's id, derived from what it comes from, keeps it unique; one message is still one
-- violation per person.
ALTER TABLE violation ALTER COLUMN member_id DROP NOT NULL;
ALTER TABLE violation DROP CONSTRAINT violation_group_id_message_id_category_key;
ALTER TABLE violation ADD CONSTRAINT violation_message_offender UNIQUE (group_id, message_id, offender);
