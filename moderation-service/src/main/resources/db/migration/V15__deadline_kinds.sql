-- Deadlines of three kinds in one table, one timer: a leader's task to answer (BH-5), the same task to close by the
-- end of the working day (BH-7), a customer's message to be replied to by staff (BH-9). For a customer's the
-- "leader" columns hold the customer and the assignee is the staff member named, else the group's owner.
ALTER TABLE response_deadline ADD COLUMN kind TEXT NOT NULL DEFAULT 'RESPONSE'
    CHECK (kind IN ('RESPONSE', 'FOLLOW_THROUGH', 'CUSTOMER_REPLY'));
ALTER TABLE response_deadline ADD COLUMN answered_by TEXT;     -- <platform>:<userId> who met it in the chat
ALTER TABLE response_deadline ADD COLUMN closed_by TEXT;       -- the employee who closed it over REST
ALTER TABLE response_deadline ADD COLUMN closing_note TEXT;
-- a customer who writes several messages waits once: the first opens the wait, the reply closes it
CREATE UNIQUE INDEX response_deadline_customer_waiting ON response_deadline (group_id, leader_id)
    WHERE kind = 'CUSTOMER_REPLY' AND status = 'OPEN' AND answered_at IS NULL;
CREATE INDEX response_deadline_group_open ON response_deadline (group_id, kind)
    WHERE status = 'OPEN' AND answered_at IS NULL;
