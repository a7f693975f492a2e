package io.integrationhub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the group commit's writers share the writes: while a group commits, the writes that come wait for it and go
 * together in the next group, unless enough of them wait to be worth a second transaction at once.
 */
class GroupCommitWriterTest {

    @TempDir
    Path data;

    private Database db;
    /** The keys of each transaction, in the order the transactions began. */
    private final List<List<Long>> groups = new CopyOnWriteArrayList<>();
    private final CountDownLatch firstGroupWriting = new CountDownLatch(1);
    private final CountDownLatch firstGroupMayCommit = new CountDownLatch(1);

    @BeforeEach
    void store() throws SQLException {
        db = new Database("jdbc:h2:file:" + data.resolve("writer"), "sa", "", 4);
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE written (k BIGINT PRIMARY KEY)");
        }
    }

    @AfterEach
    void close() {
        firstGroupMayCommit.countDown();
        db.close();
    }

    @Test
    void writesThatComeWhileAGroupCommitsGoTogetherInTheNextGroup() throws Exception {
        try (GroupCommitWriter writer = writer(3)) {
            CompletableFuture<Void> first = writer.submit("first", 1L, this::blockedWrite);
            assertThat(firstGroupWriting.await(10, TimeUnit.SECONDS)).isTrue();
            List<CompletableFuture<Void>> waiting = submit(writer, LongStream.rangeClosed(2, 5));

            // Two writers are idle, but four writes are not worth a transaction of their own while one commits.
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> groups.size() == 1);
            assertThat(written()).isZero();
            firstGroupMayCommit.countDown();

            first.get(10, TimeUnit.SECONDS);
            CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            assertThat(groups).containsExactly(List.of(1L), List.of(2L, 3L, 4L, 5L));
            assertThat(written()).isEqualTo(5);
        }
    }

    @Test
    void aSecondWriterStartsOnceAFullGroupWaits() throws Exception {
        try (GroupCommitWriter writer = writer(2)) {
            CompletableFuture<Void> first = writer.submit("first", 1L, this::blockedWrite);
            assertThat(firstGroupWriting.await(10, TimeUnit.SECONDS)).isTrue();
            List<CompletableFuture<Void>> waiting =
                    submit(writer, LongStream.range(100, 100 + GroupCommitWriter.NEXT_WRITER_GROUP));

            CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            assertThat(first).isNotDone();
            assertThat(groups).hasSize(2);
            assertThat(groups.get(1)).hasSize(GroupCommitWriter.NEXT_WRITER_GROUP).startsWith(100L);
            assertThat(written()).isEqualTo(GroupCommitWriter.NEXT_WRITER_GROUP);

            firstGroupMayCommit.countDown();
            first.get(10, TimeUnit.SECONDS);
            assertThat(written()).isEqualTo(GroupCommitWriter.NEXT_WRITER_GROUP + 1);
        }
    }

    @Test
    void limitedToOneGroupInFlightAFullGroupWaitsForTheRunningOne() throws Exception {
        try (GroupCommitWriter writer = writer(3)) {
            assertThat(writer.shareAmong(3)).isEqualTo(1); // a hub sharing its database with two others
            CompletableFuture<Void> first = writer.submit("first", 1L, this::blockedWrite);
            assertThat(firstGroupWriting.await(10, TimeUnit.SECONDS)).isTrue();
            List<CompletableFuture<Void>> waiting =
                    submit(writer, LongStream.range(100, 100 + 2 * GroupCommitWriter.NEXT_WRITER_GROUP));

            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> groups.size() == 1);
            firstGroupMayCommit.countDown();
            first.get(10, TimeUnit.SECONDS);
            CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            assertThat(groups).hasSize(2);
            assertThat(groups.get(1)).hasSize(2 * GroupCommitWriter.NEXT_WRITER_GROUP);
            assertThat(written()).isEqualTo(2 * GroupCommitWriter.NEXT_WRITER_GROUP + 1);
        }
    }

    private GroupCommitWriter writer(int writers) {
        return new GroupCommitWriter(db.dataSource(), new GroupCommitWriter.TransactionListener() {
            @Override
            public void begin(Connection connection, long[] keys) {
                groups.add(Arrays.stream(keys).boxed().toList());
            }
        }, writers);
    }

    private void blockedWrite(Connection c) throws SQLException {
        insert(c, 1);
        firstGroupWriting.countDown();
        try {
            firstGroupMayCommit.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<CompletableFuture<Void>> submit(GroupCommitWriter writer, LongStream keys) {
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        keys.forEach(k -> futures.add(writer.submit("write " + k, k, c -> insert(c, k))));
        return futures;
    }

    private static void insert(Connection c, long k) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO written (k) VALUES (" + k + ")");
        }
    }

    private int written() throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             var rows = s.executeQuery("SELECT COUNT(*) FROM written")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
