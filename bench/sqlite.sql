-- A small SQLite workload: inserts inside a transaction, an index,
-- aggregate and join queries. Output is deterministic.
CREATE TABLE item(id INTEGER PRIMARY KEY, grp INTEGER, name TEXT, val INTEGER);
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
INSERT INTO item(grp, name, val) SELECT i % 97, 'name' || (i * 7919 % 100000), (i * 31337) % 1000003 FROM n;
COMMIT;
CREATE INDEX item_grp ON item(grp);
CREATE TABLE grp AS SELECT grp, count(*) AS n, sum(val) AS total, max(name) AS maxname FROM item GROUP BY grp;
SELECT count(*), sum(val), min(name), max(name) FROM item;
SELECT grp, n, total FROM grp ORDER BY total DESC LIMIT 5;
SELECT g.grp, count(*) FROM grp g JOIN item i ON i.grp = g.grp WHERE i.val > g.total / g.n GROUP BY g.grp ORDER BY 2 DESC LIMIT 3;
SELECT length(group_concat(name)) FROM (SELECT name FROM item WHERE val % 1000 = 7 ORDER BY name);
