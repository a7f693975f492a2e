package io.integrationhub.store;

import java.sql.SQLException;
import java.util.Set;

import com.zaxxer.hikari.SQLExceptionOverride;

/**
 * Tells the pool which errors mean the connection itself is gone. Hikari knows the SQL standard's 08xxx states
 * (what PostgreSQL reports), but H2 reports a closed or unreachable database with codes of its own; without this the
 * pool kept handing out dead connections after the store came back.
 */
public final class BrokenConnections implements SQLExceptionOverride {

    // H2: database closed (90098, 90121), connection broken (90067), remote connection failed (90028).
    private static final Set<Integer> H2_CONNECTION_GONE = Set.of(90098, 90121, 90067, 90028);

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && H2_CONNECTION_GONE.contains(sql.getErrorCode())) {
                return Override.MUST_EVICT;
            }
        }
        return Override.CONTINUE_EVICT;
    }
}
