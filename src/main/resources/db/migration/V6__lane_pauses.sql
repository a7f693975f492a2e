-- Lanes ops paused (SPEC §7): stored, so that a pause holds across restarts and for every instance on one store.
CREATE TABLE hub_lane_pause (
    target     VARCHAR(50)  NOT NULL PRIMARY KEY,
    paused_at  BIGINT       NOT NULL,
    paused_by  VARCHAR(200) NOT NULL
);
