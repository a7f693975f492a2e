package io.integrationhub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

/** The lanes ops paused (SPEC §7), one row each, shared by every instance on the store. */
public final class LanePauses {

    /** Who paused a lane, and when. */
    public record Pause(long at, String by) {
    }

    private final DataSource dataSource;

    public LanePauses(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The paused lanes by target. */
    public Map<String, Pause> read() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT target, paused_at, paused_by FROM hub_lane_pause");
             ResultSet rs = s.executeQuery()) {
            Map<String, Pause> paused = new HashMap<>();
            while (rs.next()) {
                paused.put(rs.getString(1), new Pause(rs.getLong(2), rs.getString(3)));
            }
            return paused;
        } catch (SQLException e) {
            throw Jdbc.unavailable(e);
        }
    }

    /** Pauses a lane; a lane already paused keeps its first pause. */
    public void pause(String target, String by, long now) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO hub_lane_pause (target, paused_at, paused_by) "
                     + "VALUES (?, ?, ?)")) {
            s.setString(1, target);
            s.setLong(2, now);
            s.setString(3, by);
            s.executeUpdate();
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) { // the lane is paused already
                throw Jdbc.unavailable(e);
            }
        }
    }

    public void resume(String target) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM hub_lane_pause WHERE target = ?")) {
            s.setString(1, target);
            s.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.unavailable(e);
        }
    }
}
