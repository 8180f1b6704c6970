-- Each group's snapshots on group.state are counted (consumers ignore an older one), and a large group's roster goes
-- in pages: the digest last published for each page, so that a change re-sends only the pages it changed.
ALTER TABLE work_group ADD COLUMN state_version BIGINT NOT NULL DEFAULT 0;
CREATE TABLE roster_page_published (
    group_id TEXT    NOT NULL REFERENCES work_group (id),
    page     INT     NOT NULL,
    digest   TEXT    NOT NULL,
    PRIMARY KEY (group_id, page)
);
