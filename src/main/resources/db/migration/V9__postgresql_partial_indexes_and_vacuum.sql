-- PostgreSQL only (H2 has no partial indexes and no vacuum): every claim and outcome writes a new version of a message
-- row, and a new entry into each of its indexes that covers that version. The lane index, which only open messages
-- need, and the Idempotency-Key index, which only keyed messages need, leave the other rows out, so finished messages
-- cost them nothing. (The key index stays whole: the ops API's search by correlation_id uses it.) The message table, updated several times per message, is vacuumed
-- after 1% of its rows changed rather than PostgreSQL's default 20%, and the attempt log analysed as it grows.
${postgresql_upkeep}
