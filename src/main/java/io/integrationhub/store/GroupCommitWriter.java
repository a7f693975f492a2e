package io.integrationhub.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: concurrent writes (new messages, delivery outcomes) are run by one thread in shared transactions, and
 * each caller's future completes after the commit that holds its work. A durable commit costs a disk flush; sharing
 * it is what lets the hub run at the store's batch speed instead of its one-flush-per-write speed.
 */
final class GroupCommitWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final int MAX_BATCH = 512;
    /**
     * While a group commits, the next writer starts only once this many writes wait: a writer taking each write the
     * moment it comes cut the groups to a few rows, each with its round trips and commit, and several hubs on one
     * PostgreSQL then had that many more transactions in flight than one hub.
     */
    static final int NEXT_WRITER_GROUP = 16;

    /** Writes of one caller, run inside the shared transaction. */
    interface Work {
        void run(Connection connection) throws SQLException;
    }

    /** State kept beside the database that must follow the shared transaction: told when it begins and ends. */
    interface TransactionListener {
        /** The transaction begins; {@code keys} are the batch's per-key order keys, sorted, without repeats. */
        default void begin(Connection connection, long[] keys) throws SQLException {
        }

        /** All work of the transaction ran; it commits next. */
        default void beforeCommit(Connection connection) throws SQLException {
        }

        default void committed() {
        }

        default void rolledBack() {
        }

        /** Both listeners, told in this order. */
        static TransactionListener both(TransactionListener first, TransactionListener second) {
            return new TransactionListener() {
                @Override
                public void begin(Connection connection, long[] keys) throws SQLException {
                    first.begin(connection, keys);
                    second.begin(connection, keys);
                }

                @Override
                public void beforeCommit(Connection connection) throws SQLException {
                    first.beforeCommit(connection);
                    second.beforeCommit(connection);
                }

                @Override
                public void committed() {
                    first.committed();
                    second.committed();
                }

                @Override
                public void rolledBack() {
                    first.rolledBack();
                    second.rolledBack();
                }
            };
        }
    }

    /** {@code key} is the {@link KeyHash} of the correlation key whose order the work changes, or null. */
    private record Pending(Work work, String what, Long key, CompletableFuture<Void> done) {
    }

    private final DataSource dataSource;
    private final TransactionListener listener;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition startable = lock.newCondition();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>(); // guarded by lock, as are busy and running
    private int busy;
    private int inFlight; // at most this many of the writers run a group at once
    private boolean running = true;
    private final List<Thread> threads = new ArrayList<>();

    /**
     * Up to {@code writers} threads, each with a transaction of its own: on PostgreSQL a commit mostly waits for the
     * server, and when enough writes wait meanwhile the next group is written at once. The listener keeps its state
     * per thread.
     */
    GroupCommitWriter(DataSource dataSource, TransactionListener listener, int writers) {
        this.dataSource = dataSource;
        this.listener = listener;
        this.inFlight = writers;
        for (int i = 0; i < writers; i++) {
            Thread thread = new Thread(this::run, writers == 1 ? "hub-store-writer" : "hub-store-writer-" + (i + 1));
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
    }

    /**
     * {@code hubs} write to this database: from now on this one keeps its share of the writers' groups in flight,
     * the writers divided among the hubs (rounded up), at least one. Returns that share.
     */
    int shareAmong(int hubs) {
        int among = Math.max(1, hubs);
        lock.lock();
        try {
            inFlight = Math.max(1, (threads.size() + among - 1) / among);
            if (canStart()) {
                startable.signal();
            }
            return inFlight;
        } finally {
            lock.unlock();
        }
    }

    /** How many groups may be in flight at once. */
    int inFlight() {
        lock.lock();
        try {
            return inFlight;
        } finally {
            lock.unlock();
        }
    }

    CompletableFuture<Void> submit(String what, Work work) {
        return submit(what, null, work);
    }

    CompletableFuture<Void> submit(String what, Long key, Work work) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        lock.lock();
        try {
            // Under the lock: a write let in before the close is written by the writers, which leave only once
            // closed with nothing queued; one checked outside could come after the last of them had left.
            if (!running) {
                done.completeExceptionally(new StoreUnavailableException("The store is closed", null));
                return done;
            }
            queue.add(new Pending(work, what, key, done));
            if (canStart()) {
                startable.signal();
            }
        } finally {
            lock.unlock();
        }
        return done;
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        try {
            while (take(batch)) {
                try {
                    write(batch);
                } finally {
                    batch.clear();
                    done();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lock.lock();
        try {
            Pending left;
            while ((left = queue.poll()) != null) {
                left.done().completeExceptionally(new StoreUnavailableException("The store is closed", null));
            }
        } finally {
            lock.unlock();
        }
    }

    /** Waits until this writer may start a group, and takes it; false once closed with nothing left to write. */
    private boolean take(List<Pending> batch) throws InterruptedException {
        lock.lock();
        try {
            while (!canStart()) {
                if (!running && queue.isEmpty()) {
                    return false;
                }
                startable.await(200, TimeUnit.MILLISECONDS);
            }
            while (batch.size() < MAX_BATCH && !queue.isEmpty()) {
                batch.add(queue.poll());
            }
            busy++;
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void done() {
        lock.lock();
        try {
            busy--;
            if (canStart()) {
                startable.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    private boolean canStart() {
        return !queue.isEmpty() && (busy == 0 || (busy < inFlight && queue.size() >= NEXT_WRITER_GROUP) || !running);
    }

    private void write(List<Pending> batch) {
        try {
            commitOrRetryDeadlock(batch);
            batch.forEach(p -> p.done().complete(null));
        } catch (SQLException batchFailure) {
            if (batch.size() == 1) {
                fail(batch.get(0), batchFailure);
                return;
            }
            // One bad row must not fail its neighbours: write each alone and fail only those that fail again.
            for (Pending p : batch) {
                try {
                    commitOrRetryDeadlock(List.of(p));
                    p.done().complete(null);
                } catch (SQLException e) {
                    fail(p, e);
                }
            }
        } catch (RuntimeException e) {
            batch.forEach(p -> p.done().completeExceptionally(
                    new StoreUnavailableException("The store failed: " + e.getMessage(), e)));
        }
    }

    // Several writers on PostgreSQL (or instances) may lock rows in different orders; the database then rolls one
    // transaction back as the deadlock's victim, and it is simply written again.
    private void commitOrRetryDeadlock(List<Pending> batch) throws SQLException {
        for (int tries = 1; ; tries++) {
            try {
                commit(batch);
                return;
            } catch (SQLException e) {
                if (!"40P01".equals(e.getSQLState()) || tries == 3) {
                    throw e;
                }
            }
        }
    }

    private void commit(List<Pending> batch) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                listener.begin(c, keysOf(batch));
                for (Pending p : batch) {
                    p.work().run(c);
                }
                listener.beforeCommit(c);
                c.commit();
                listener.committed();
            } catch (SQLException | RuntimeException e) {
                listener.rolledBack();
                c.rollback();
                throw e;
            }
        }
    }

    // Sorted: two instances sharing a PostgreSQL then lock the keys of their batches in one order, and never deadlock.
    private static long[] keysOf(List<Pending> batch) {
        return batch.stream().map(Pending::key).filter(java.util.Objects::nonNull).mapToLong(Long::longValue)
                .sorted().distinct().toArray();
    }

    private static void fail(Pending p, SQLException e) {
        if (!"23505".equals(e.getSQLState())) {
            LOG.warn("Store write failed for {}: {}", p.what(), e.getMessage());
        }
        p.done().completeExceptionally(Sql.unavailable(e));
    }

    @Override
    public void close() {
        lock.lock();
        try {
            running = false;
            startable.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            for (Thread thread : threads) {
                thread.join(5000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
