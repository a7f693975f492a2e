package io.integrationhub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.integrationhub.support.TestStore;
import io.integrationhub.support.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §4 claims, as two instances on one store see them: a claim goes to one instance, lasts its lease unless
 * renewed, is taken over once it has expired, and an instance that lost its claim cannot record an outcome over the
 * new holder's. Runs on H2 and on PostgreSQL (FOR UPDATE SKIP LOCKED).
 */
abstract class ClaimsTest {

    static final long LEASE = 60_000;
    static final long T0 = 1_000_000_000L;

    @TempDir
    Path data;

    private final TestStore store = TestStores.selected();
    Database database;
    private MessageStore storeA;
    private MessageStore storeB;
    DeliveryQueue queueA;
    private DeliveryQueue queueB;

    @BeforeEach
    void openStore() {
        database = new Database(store.newUrl(data), store.user(), "", 4);
        database.migrate();
        storeA = new MessageStore(database.dataSource(), database.dialect(), "hub-a", LEASE);
        storeB = new MessageStore(database.dataSource(), database.dialect(), "hub-b", LEASE);
        queueA = new DeliveryQueue(database.dataSource(), storeA, database.dialect(), "hub-a", LEASE);
        queueB = new DeliveryQueue(database.dataSource(), storeB, database.dialect(), "hub-b", LEASE);
    }

    @AfterEach
    void closeStore() {
        storeA.close();
        storeB.close();
        database.close();
    }

    @Test
    void aClaimGoesToOneInstanceAndOnlyTheHeadOfEachKey() {
        String first = append("key-1");
        append("key-1");
        String otherKey = append("key-2");

        List<Claim> a = queueA.claimDue("ticketing", 10, T0);
        List<Claim> b = queueB.claimDue("ticketing", 10, T0);

        assertThat(a).extracting(Claim::messageId).containsExactlyInAnyOrder(first, otherKey);
        assertThat(b).as("the second message of key-1 waits for the first, which hub-a holds").isEmpty();
    }

    @Test
    void aKeysLongBacklogDoesNotHideTheHeadsOfTheKeysBehindIt() {
        String busy = append("busy");
        for (int i = 0; i < 150; i++) {
            append("busy");
        }
        String x = append("key-x");
        append("key-x");
        String sameKeyOtherPartner = append("other-partner", "busy");
        assertThat(queueA.claimDue("ticketing", 1, T0)).extracting(Claim::messageId).containsExactly(busy);

        // 150 open messages of a claimed key lie before the heads of the others (several of H2's pages of open rows).
        List<Claim> next = queueA.claimDue("ticketing", 10, T0);

        assertThat(next).extracting(Claim::messageId).containsExactlyInAnyOrder(x, sameKeyOtherPartner);
        assertThat(queueA.claimDue("ticketing", 10, T0)).as("every head is claimed: the rest wait for them").isEmpty();
    }

    @Test
    void finishingAHeadMakesTheNextMessageOfItsKeyClaimable() {
        String first = append("key-1");
        String second = append("key-1");
        String third = append("key-1");
        assertThat(queueA.claimDue("ticketing", 10, T0)).extracting(Claim::messageId).containsExactly(first);

        storeA.record(outcome(first, "processed", null), "automize", "key-1");
        assertThat(queueA.claimDue("ticketing", 10, T0)).extracting(Claim::messageId).containsExactly(second);

        storeA.record(outcome(second, "dead", "refused"), "automize", "key-1");
        assertThat(queueA.claimDue("ticketing", 10, T0)).extracting(Claim::messageId).containsExactly(third);
    }

    @Test
    void aDeliveredHeadsOutcomeClaimsTheNextMessageOfItsKeyForItsOwnInstance() {
        String first = append("key-1");
        String second = append("key-1");
        String third = append("key-1");
        queueA.claimDue("ticketing", 10, T0);

        Optional<Claim> taken = storeA.recordAndClaimNext(outcome(first, "processed", null), "automize", "key-1",
                "ticketing");

        if (database.dialect() == Database.Dialect.POSTGRESQL) {
            // One write of the row makes it the key's head and claims it: no claim of its own, no other instance.
            assertThat(taken).map(Claim::messageId).contains(second);
            assertThat(storeA.find(second)).get().extracting(StoredMessage::status).isEqualTo("processing");
            assertThat(queueB.claimDue("ticketing", 10, System.currentTimeMillis())).isEmpty();
        } else {
            // H2 (one instance) leaves it to the lane's claim.
            assertThat(taken).isEmpty();
            assertThat(queueA.claimDue("ticketing", 10, T0)).extracting(Claim::messageId).containsExactly(second);
        }
        assertThat(storeA.find(third)).get().extracting(StoredMessage::status).isEqualTo("queued");
    }

    @Test
    void theNextMessageOfAKeyInAnotherLaneIsLeftToThatLane() {
        String first = append("automize", "key-1", "ticketing");
        String second = append("automize", "key-1", "superoffice");
        queueA.claimDue("ticketing", 10, T0);

        Optional<Claim> taken = storeA.recordAndClaimNext(outcome(first, "processed", null), "automize", "key-1",
                "ticketing");

        assertThat(taken).isEmpty();
        assertThat(queueB.claimDue("superoffice", 10, T0)).extracting(Claim::messageId).containsExactly(second);
    }

    @Test
    void aRetryingHeadHoldsItsKeyUntilItsNextAttemptIsDue() {
        String first = append("key-1");
        append("key-1");
        queueA.claimDue("ticketing", 10, T0);

        storeA.record(DeliveryRecord.attempt(first, 1, "ticketing", T0)
                .failed(MessageStatus.RETRYING, "transient", "503", 503, null).retryAt(T0 + 500), "automize", "key-1");

        assertThat(queueA.claimDue("ticketing", 10, T0 + 499)).isEmpty();
        assertThat(queueA.nextDue("ticketing", T0)).isEqualTo(T0 + 500);
        assertThat(queueA.claimDue("ticketing", 10, T0 + 500)).extracting(Claim::messageId).containsExactly(first);
    }

    @Test
    void aLaneClaimsOnlyTheMessagesOfItsTarget() {
        String forSuperOffice = append("automize", "key-1", "superoffice");

        assertThat(queueA.claimDue("ticketing", 10, T0)).isEmpty();
        assertThat(queueA.claimDue("superoffice", 10, T0)).extracting(Claim::messageId)
                .containsExactly(forSuperOffice);
    }

    @Test
    void aWriteThatRollsBackLeavesNoTraceInTheKeyOrder() {
        storeA.appendAndWait(message(UUID.randomUUID().toString(), "automize", "key-1", "ticketing", "same-key"));
        // The same Idempotency-Key again, on another correlation key: the insert fails and its transaction rolls back.
        assertThatThrownBy(() -> storeA.appendAndWait(
                message(UUID.randomUUID().toString(), "automize", "key-2", "ticketing", "same-key")))
                .isInstanceOf(DuplicateKeyException.class);

        String key2 = append("key-2");

        assertThat(queueA.claimDue("ticketing", 10, T0)).extracting(Claim::messageId).contains(key2);
    }

    @Test
    void theKeyOrderIsReadBackAtStart() {
        String first = append("key-1");
        String second = append("key-1");
        storeA.close();
        storeA = new MessageStore(database.dataSource(), database.dialect(), "hub-a", LEASE);
        queueA = new DeliveryQueue(database.dataSource(), storeA, database.dialect(), "hub-a", LEASE);

        storeA.loadKeyOrder(List.of("ticketing"));

        assertThat(queueA.claimDue("ticketing", 10, T0)).extracting(Claim::messageId).containsExactly(first);
        storeA.record(outcome(first, "processed", null), "automize", "key-1");
        assertThat(queueA.claimDue("ticketing", 10, T0)).extracting(Claim::messageId).containsExactly(second);
    }

    @Test
    void anUnexpiredClaimStaysAndAnExpiredOneIsTakenOver() {
        String id = append("key-1");
        assertThat(queueA.claimDue("ticketing", 1, T0)).hasSize(1);

        assertThat(queueB.claimDue("ticketing", 1, T0 + LEASE - 1)).as("lease still running").isEmpty();
        assertThat(queueB.claimDue("ticketing", 1, T0 + LEASE + 1)).extracting(Claim::messageId).containsExactly(id);
    }

    @Test
    void aRenewedClaimIsNotTakenOver() {
        String id = append("key-1");
        queueA.claimDue("ticketing", 1, T0);

        assertThat(queueA.renew(List.of(id), T0 + LEASE / 2)).isEqualTo(1);

        assertThat(queueB.claimDue("ticketing", 1, T0 + LEASE + 1)).isEmpty();
        assertThat(queueB.claimDue("ticketing", 1, T0 + LEASE / 2 + LEASE + 1)).hasSize(1);
        assertThat(queueA.renew(List.of(id), T0 + 2 * LEASE)).as("hub-a lost the claim").isZero();
    }

    @Test
    void renewingClaimsWhileOutcomesAreWrittenNeverDeadlocks() throws Exception {
        List<String> held = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            held.add(append("renewed-" + i));
        }
        assertThat(queueA.claimDue("ticketing", 64, T0)).hasSize(64);
        AtomicInteger attempt = new AtomicInteger();
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService writers = Executors.newFixedThreadPool(8);
        try {
            // Outcomes that keep the claim (a synchronous message between its quick retries), so that every row
            // stays renewable: the group commit writes several of them per transaction, in any order.
            for (int t = 0; t < 8; t++) {
                writers.execute(() -> {
                    Random random = new Random();
                    while (!done.get()) {
                        String id = held.get(random.nextInt(held.size()));
                        storeA.record(DeliveryRecord.attempt(id, attempt.incrementAndGet(), "ticketing", T0 + 1)
                                .failed(MessageStatus.PROCESSING, "transient", "again", 503, null), "automize",
                                "renewed");
                    }
                });
            }
            List<String> order = new ArrayList<>(held);
            // On PostgreSQL a row whose outcome is being written at that moment waits for the next renewal.
            int atLeast = database.dialect() == Database.Dialect.POSTGRESQL ? 1 : 64;
            for (int round = 0; round < 300; round++) {
                Collections.shuffle(order);
                assertThat(queueA.renew(order, T0 + 2 + round)).isBetween(atLeast, 64);
            }
        } finally {
            done.set(true);
            writers.shutdown();
            assertThat(writers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(queueA.renew(held, T0 + 400)).as("every claim still held").isEqualTo(64);
    }

    @Test
    void anInstanceThatLostItsClaimCannotRecordAnOutcome() {
        String id = append("key-1");
        queueA.claimDue("ticketing", 1, T0);
        queueB.claimDue("ticketing", 1, T0 + LEASE + 1);

        storeA.record(outcome(id, "dead", "hub-a's late failure"), "automize", "key-1");
        storeB.record(outcome(id, "processed", null), "automize", "key-1");

        StoredMessage m = storeA.find(id).orElseThrow();
        assertThat(m.status()).isEqualTo("processed");
        assertThat(new MessageLog(database.dataSource()).attempts(id)).singleElement()
                .satisfies(a -> assertThat(a.instance()).isEqualTo("hub-b"));
    }

    @Test
    void aSynchronousMessageWhoseInstanceDiedIsFailedOnceItsClaimExpired() {
        String id = UUID.randomUUID().toString();
        storeA.appendAndWait(NewMessage.received(id, "automize", T0)
                .envelope("Inbound Automize Incident", "synchronous", "key-1", "update", "INC1")
                .body("json", "{}".getBytes(StandardCharsets.UTF_8)).status(MessageStatus.PROCESSING, "ticketing")
                .build());

        assertThat(queueB.failAbandonedSynchronous(T0 + LEASE - 1)).as("hub-a may still be delivering").isZero();
        assertThat(queueB.failAbandonedSynchronous(T0 + LEASE + 1)).isEqualTo(1);
        assertThat(storeA.find(id).orElseThrow().status()).isEqualTo("failed");
    }

    @Test
    void atStartAnInstanceTakesBackItsOwnClaimsOnPostgresqlAndAllClaimsOnH2() {
        String mine = append("key-1");
        String theirs = append("key-2");
        queueA.claimDue("ticketing", 1, T0);
        queueB.claimDue("ticketing", 1, T0);

        int released = queueA.releaseAtStart(T0 + 1);

        assertThat(storeA.find(mine).orElseThrow().status()).isEqualTo("queued");
        if (store == TestStore.POSTGRESQL) {
            assertThat(released).isEqualTo(1);
            assertThat(storeA.find(theirs).orElseThrow().status()).as("hub-b is alive").isEqualTo("processing");
        } else {
            assertThat(released).isEqualTo(2);
            assertThat(storeA.find(theirs).orElseThrow().status()).isEqualTo("queued");
        }
    }

    @Test
    void theScheduledJobsLeaseHasOneHolderUntilItExpires() {
        JobLease a = new JobLease(database.dataSource(), "maintenance", "hub-a");
        JobLease b = new JobLease(database.dataSource(), "maintenance", "hub-b");

        assertThat(a.acquire(T0, LEASE)).isTrue();
        assertThat(b.acquire(T0 + 1, LEASE)).isFalse();
        assertThat(a.acquire(T0 + LEASE / 2, LEASE)).as("the holder renews").isTrue();
        assertThat(b.acquire(T0 + LEASE + 1, LEASE)).as("renewed, not yet expired").isFalse();
        assertThat(b.acquire(T0 + 2 * LEASE, LEASE)).as("expired: taken over").isTrue();
        assertThat(a.acquire(T0 + 2 * LEASE + 1, LEASE)).isFalse();

        b.release();
        assertThat(a.acquire(T0 + 2 * LEASE + 2, LEASE)).as("released on a clean stop").isTrue();
    }

    @Test
    void theQueueCountsTellQueuedMessagesFromClaimedRetryingAndDeadOnes() {
        append("key-1");
        append("key-1");
        String retrying = append("key-2");
        String dead = append("key-3");
        append("key-4");
        assertThat(queueA.claimDue("ticketing", 10, T0)).as("the heads of the four keys").hasSize(4);
        storeA.record(DeliveryRecord.attempt(retrying, 1, "ticketing", T0 + 1)
                .failed("retrying", "transient", "503", 503, null).retryAt(T0 + 60_000), "automize", "key-2");
        storeA.record(outcome(dead, "dead", "refused"), "automize", "key-3");

        // key-1's second message waits behind its head: queued, though not due.
        assertThat(storeA.countOpenAndFinished()).containsEntry("queued", 1L).containsEntry("processing", 2L)
                .containsEntry("retrying", 1L).containsEntry("dead", 1L).doesNotContainKey("in lanes");
    }

    String append(String key) {
        return append("automize", key);
    }

    private String append(String partner, String key) {
        return append(partner, key, "ticketing");
    }

    private String append(String partner, String key, String target) {
        String id = UUID.randomUUID().toString();
        storeA.appendAndWait(message(id, partner, key, target, null));
        return id;
    }

    private static NewMessage message(String id, String partner, String key, String target, String idempotencyKey) {
        return NewMessage.received(id, partner, T0 - 1000)
                .envelope("Inbound Automize Incident", "asynchronous", key, "update", "INC1")
                .body("json", "{}".getBytes(StandardCharsets.UTF_8)).status(MessageStatus.QUEUED, target)
                .idempotency(idempotencyKey, idempotencyKey == null ? null : "hash", null).build();
    }

    private static DeliveryRecord outcome(String id, String status, String error) {
        DeliveryRecord attempt = DeliveryRecord.attempt(id, 1, "ticketing", T0 + LEASE + 2);
        return error == null ? attempt.delivered(200, null, null, null, null)
                : attempt.failed(status, "permanent", error, 200, null);
    }
}
