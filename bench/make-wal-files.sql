-- Run by the benches' embedded PostgreSQL once it has started (bench/EmbeddedPg.java, bench/DeliveryBench.java): makes
-- the WAL files that a server which has been running keeps for reuse (min_wal_size, bench/embedded-postgres.conf). A
-- fresh server makes a new 16 MB file, written through to disk, each time its WAL fills one, and commits wait while it
-- does: about 50 ms here, every 2 s of a busy intake. Each round switches to a new file; the checkpoint recycles them.
DO $$
BEGIN
  CREATE TABLE wal_filler (x INT);
  FOR round IN 1..64 LOOP
    INSERT INTO wal_filler VALUES (round);
    PERFORM pg_switch_wal();
  END LOOP;
  DROP TABLE wal_filler;
END $$;
CHECKPOINT;
