-- The dashboard's group health: why a group is non-compliant (GL-4, GL-5, GL-6 …), as group.state says.
ALTER TABLE group_replica ADD COLUMN problems JSONB NOT NULL DEFAULT '[]';
