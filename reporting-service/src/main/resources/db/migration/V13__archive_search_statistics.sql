-- The planner's view of how common each search token is: with a token per character pair and a run's first and last
-- characters, the default sample tracks too few of them, a common pair (收到) looks rare, and its search reads every
-- match instead of walking the newest messages. A larger sample keeps the common ones known.
ALTER TABLE archived_message ALTER COLUMN search SET STATISTICS 1000;
