-- PostgreSQL only: every new message is a queued row that its claim rewrites soon after. A vacuum triggered by inserts
-- alone (after 1% of the rows, from V9) scanned pages about to hold dead versions and marked them all-visible for the
-- claim to unmark; under a steady intake it ran every 10-20 s, each with an analyze (after 2%). Vacuum now runs for
-- dead rows (after 1%, V9) and against wraparound, as always; the analyze after PostgreSQL's default 10%.
${postgresql_intake_upkeep}
