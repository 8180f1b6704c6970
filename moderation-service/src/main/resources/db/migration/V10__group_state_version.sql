-- The version of the group.state snapshot the replica holds: an older one arriving late is ignored.
ALTER TABLE group_policy ADD COLUMN state_version BIGINT NOT NULL DEFAULT 0;
