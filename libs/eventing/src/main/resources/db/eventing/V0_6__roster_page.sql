-- A large group's roster pages from group.state, kept until the snapshot that lists them assembles the roster, and
-- as long as the latest snapshot still lists them (a change re-sends only the pages it changed).
CREATE TABLE roster_page (
    group_id TEXT  NOT NULL,
    page     INT   NOT NULL,
    digest   TEXT  NOT NULL,
    members  BYTEA NOT NULL,
    PRIMARY KEY (group_id, page, digest)
);
