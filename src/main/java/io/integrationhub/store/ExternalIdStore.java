package io.integrationhub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

/** SPEC §4 External IDs: which target record a partner's correlation_id continues. */
public class ExternalIdStore {

    private static final String FIND = "SELECT record_ref, last_ref FROM hub_external_id "
            + "WHERE partner = ? AND correlation_id = ? AND target = ?";
    private static final String UPDATE = "UPDATE hub_external_id SET record_ref = COALESCE(record_ref, ?), "
            + "last_ref = COALESCE(?, last_ref), updated_at = ? "
            + "WHERE partner = ? AND correlation_id = ? AND target = ?";
    private static final String INSERT = "INSERT INTO hub_external_id (partner, correlation_id, target, record_ref, "
            + "last_ref, updated_at) VALUES (?, ?, ?, ?, ?, ?)";

    private final Sql sql;

    public ExternalIdStore(DataSource dataSource) {
        this.sql = new Sql(dataSource);
    }

    public Optional<ExternalIds> find(String partner, String correlationId, String target) {
        return sql.first(FIND, row -> new ExternalIds(row.getString(1), row.getString(2)), partner, correlationId,
                target);
    }

    /**
     * The External IDs of one batch of outcomes: the record a key continues is kept from its first success, the last
     * id is replaced by each success. One batch of updates, then one of inserts for the keys new to the table.
     */
    static void upsertAll(Connection c, List<OutcomeBatch.Outcome> outcomes) throws SQLException {
        if (outcomes.isEmpty()) {
            return;
        }
        int[] updated;
        try (PreparedStatement update = c.prepareStatement(UPDATE)) {
            for (OutcomeBatch.Outcome o : outcomes) {
                DeliveryRecord r = o.record();
                Sql.bind(update, r.recordRef(), r.lastRef(), r.at(), o.partner(), o.correlationId(), r.target());
                update.addBatch();
            }
            updated = update.executeBatch();
        }
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            boolean any = false;
            for (int i = 0; i < updated.length; i++) {
                if (updated[i] == 0) {
                    OutcomeBatch.Outcome o = outcomes.get(i);
                    DeliveryRecord r = o.record();
                    Sql.bind(insert, o.partner(), o.correlationId(), r.target(), r.recordRef(), r.lastRef(), r.at());
                    insert.addBatch();
                    any = true;
                }
            }
            if (any) {
                insert.executeBatch();
            }
        }
    }
}
