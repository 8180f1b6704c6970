-- BH-5: the person is reminded of a deadline still unanswered at remind_at, shortly before it; once each.
ALTER TABLE response_deadline ADD COLUMN remind_at TIMESTAMPTZ;
ALTER TABLE response_deadline ADD COLUMN reminded_at TIMESTAMPTZ;
CREATE INDEX response_deadline_to_remind ON response_deadline (remind_at)
    WHERE status = 'OPEN' AND answered_at IS NULL AND reminded_at IS NULL;
