-- A group's overrides of the parts of its type's policy the type lets a group override (GL-7), part name to value.
ALTER TABLE work_group ADD COLUMN policy_overrides JSONB NOT NULL DEFAULT '{}';
