package io.integrationhub.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Work of one kind gathered during a group commit's transaction and written together, in statement batches: before
 * other work of the transaction that may depend on it, and before the commit. Kept per writer thread, as each runs a
 * transaction of its own; dropped when the transaction rolls back (the writer runs the work again).
 */
abstract class TransactionBatch<T> implements GroupCommitWriter.TransactionListener {

    private final ThreadLocal<List<T>> pending = ThreadLocal.withInitial(ArrayList::new);

    final void add(T item) {
        pending.get().add(item);
    }

    /** Writes what was gathered so far in this thread's transaction. */
    final void flush(Connection c) throws SQLException {
        List<T> gathered = pending.get();
        if (gathered.isEmpty()) {
            return;
        }
        List<T> items = List.copyOf(gathered);
        gathered.clear();
        write(c, items);
    }

    abstract void write(Connection c, List<T> items) throws SQLException;

    @Override
    public final void beforeCommit(Connection c) throws SQLException {
        flush(c);
    }

    @Override
    public final void rolledBack() {
        pending.get().clear();
    }
}
