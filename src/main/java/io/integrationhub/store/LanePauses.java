package io.integrationhub.store;

import java.util.Map;
import java.util.stream.Collectors;

import javax.sql.DataSource;

/** The lanes ops paused (SPEC §7), one row each, shared by every instance on the store. */
public final class LanePauses {

    /** Who paused a lane, and when. */
    public record Pause(long at, String by) {
    }

    private record Paused(String target, Pause pause) {
    }

    private final Sql sql;
    private final ClusterNotices notices;

    public LanePauses(DataSource dataSource, ClusterNotices notices) {
        this.sql = new Sql(dataSource);
        this.notices = notices;
    }

    /** The paused lanes by target. */
    public Map<String, Pause> read() {
        return sql.list("SELECT target, paused_at, paused_by FROM hub_lane_pause",
                        row -> new Paused(row.getString(1), new Pause(row.getLong(2), row.getString(3))))
                .stream().collect(Collectors.toMap(Paused::target, Paused::pause));
    }

    /** Pauses a lane; a lane already paused keeps its first pause. */
    public void pause(String target, String by, long now) {
        sql.inConnection(c -> {
            try {
                return Sql.update(c, "INSERT INTO hub_lane_pause (target, paused_at, paused_by) VALUES (?, ?, ?)",
                        target, now, by);
            } catch (java.sql.SQLException e) {
                if (Sql.isUniqueViolation(e)) { // the lane is paused already
                    return 0;
                }
                throw e;
            }
        });
        notices.pausesChanged();
    }

    public void resume(String target) {
        sql.update("DELETE FROM hub_lane_pause WHERE target = ?", target);
        notices.pausesChanged();
    }
}
