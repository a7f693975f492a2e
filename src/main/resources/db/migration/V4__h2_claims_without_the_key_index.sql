-- H2's claim reads the open rows in receipt order and takes each key's first one (DeliveryQueue), so H2 does without
-- the per-key index: kept up to date at random places on every insert, it cost H2 more than half its insert rate.
-- PostgreSQL's claim (competing consumers, SKIP LOCKED) looks a key's earlier open messages up in it: it stays there.
${drop_key_index_on_h2}
