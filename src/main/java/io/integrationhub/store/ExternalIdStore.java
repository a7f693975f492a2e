package io.integrationhub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

/** SPEC §4 External IDs: which target record a partner's correlation_id continues. */
public class ExternalIdStore {

    private final DataSource dataSource;

    public ExternalIdStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<ExternalIds> find(String partner, String correlationId, String target) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT record_ref, last_ref FROM hub_external_id "
                     + "WHERE partner = ? AND correlation_id = ? AND target = ?")) {
            s.setString(1, partner);
            s.setString(2, correlationId);
            s.setString(3, target);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new ExternalIds(rs.getString(1), rs.getString(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Jdbc.unavailable(e);
        }
    }

    /** The record a key continues is kept from its first success; the last id is replaced by each success. */
    static void upsert(Connection c, String partner, String correlationId, String target, String recordRef,
                       String lastRef, long at) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE hub_external_id SET "
                + "record_ref = COALESCE(record_ref, ?), last_ref = COALESCE(?, last_ref), updated_at = ? "
                + "WHERE partner = ? AND correlation_id = ? AND target = ?")) {
            update.setString(1, recordRef);
            update.setString(2, lastRef);
            update.setLong(3, at);
            update.setString(4, partner);
            update.setString(5, correlationId);
            update.setString(6, target);
            if (update.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO hub_external_id (partner, correlation_id, "
                + "target, record_ref, last_ref, updated_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, partner);
            insert.setString(2, correlationId);
            insert.setString(3, target);
            insert.setString(4, recordRef);
            insert.setString(5, lastRef);
            insert.setLong(6, at);
            insert.executeUpdate();
        }
    }
}
