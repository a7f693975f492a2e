-- PostgreSQL only: every new message is queued, and the status index took an entry for each insert that only the
-- queue-depth gauge's count of queued messages read. The index now leaves queued messages out (one entry fewer per
-- insert); that count reads the lane index instead (every queued message is in a lane), and retention, the ops
-- API's status filter and the other counts read the finished and in-flight messages in it as before.
${postgresql_status_index}
