-- PostgreSQL only: the text columns that indexes hold (ids, partners, correlation ids, statuses, targets) compare byte
-- by byte (COLLATE "C") instead of by the database's language rules. Nothing sorts them for people to read, and every
-- insert into an index compares its key a score of times: under a language collation each comparison goes through
-- the C library's strcoll. The indexes are rebuilt, the rows are not rewritten.
${postgresql_byte_order_keys}
