-- A breach names a user id without its platform: its holder is looked up by the id alone.
CREATE INDEX person_account_user ON person_account (user_id);
