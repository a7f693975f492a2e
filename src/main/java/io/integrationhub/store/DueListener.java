package io.integrationhub.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on PostgreSQL for {@link DueNotices} of any instance (this one's too) and hands each target to the lanes.
 * One pooled connection is held for it; when it breaks it is taken again after a pause and every lane looks once, for
 * what was missed meanwhile.
 */
public final class DueListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DueListener.class);
    private static final int WAIT_MS = 500;
    private static final long RECONNECT_MS = 2000;

    private final DataSource dataSource;
    private final Handlers handlers;
    private volatile boolean running = true;
    private final Thread thread;

    /**
     * What the notices do: {@code wakeUp} gets a target's name; {@code wakeUpAll} runs when every lane should look,
     * {@code pausesChanged} when an instance paused or resumed a lane, {@code targetAnswers} gets a target another
     * instance (or this one) found answering again.
     */
    public record Handlers(Consumer<String> wakeUp, Runnable wakeUpAll, Runnable pausesChanged,
                           Consumer<String> targetAnswers) {
    }

    public DueListener(DataSource dataSource, Handlers handlers) {
        this.dataSource = dataSource;
        this.handlers = handlers;
        this.thread = new Thread(this::run, "hub-due-listener");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            try (Connection c = dataSource.getConnection()) {
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + DueNotices.CHANNEL);
                }
                handlers.pausesChanged().run(); // what was missed while not listening
                handlers.wakeUpAll().run();
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notices = pg.getNotifications(WAIT_MS);
                    for (PGNotification notice : notices == null ? new PGNotification[0] : notices) {
                        deliver(notice.getParameter());
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.warn("Not listening for due messages of other instances ({}): retrying in {} ms",
                            e.getMessage(), RECONNECT_MS);
                    pause();
                }
            }
        }
    }

    private void deliver(String target) {
        if (DueNotices.ALL.equals(target)) {
            handlers.wakeUpAll().run();
        } else if (DueNotices.PAUSES.equals(target)) {
            handlers.pausesChanged().run();
        } else if (target.startsWith(DueNotices.ANSWERS)) {
            handlers.targetAnswers().accept(target.substring(DueNotices.ANSWERS.length()));
        } else {
            handlers.wakeUp().accept(target);
        }
    }

    private void pause() {
        try {
            Thread.sleep(RECONNECT_MS); // a store that is down is not asked again at once
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
