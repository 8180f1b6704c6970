-- The membership and task queries' indexes (issue 16, housekeeping; QueryPlansIT checks each query can use one):
-- a platform user's chats (MB-4, AC-5 checks on every join), a group's tasks, and everyone's open tasks by age.
CREATE INDEX chat_member_user ON chat_member (platform_user_id);
CREATE INDEX group_task_group ON group_task (group_id, status);
CREATE INDEX group_task_open_age ON group_task (opened_at) WHERE status = 'OPEN';
