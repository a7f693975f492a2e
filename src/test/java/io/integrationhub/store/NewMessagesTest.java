package io.integrationhub.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.integrationhub.support.TestStore;
import io.integrationhub.support.TestStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * New messages as the store writes them, many to a group commit: every field read back as given, whatever its
 * characters or bytes, and the per-key order decided for the group's messages of one key together. Runs on H2 and on
 * PostgreSQL.
 */
abstract class NewMessagesTest {

    private static final long T0 = 1_000_000_000L;

    @TempDir
    Path data;

    private final TestStore store = TestStores.selected();
    private Database database;
    private MessageStore messages;
    private DeliveryQueue queue;

    @BeforeEach
    void openStore() {
        database = new Database(store.newUrl(data), store.user(), "", 4);
        database.migrate();
        messages = new MessageStore(database.dataSource(), database.dialect(), "hub-a", 60_000);
        queue = new DeliveryQueue(database.dataSource(), messages, database.dialect(), "hub-a", 60_000);
    }

    @AfterEach
    void closeStore() {
        messages.close();
        database.close();
    }

    @Test
    void everyFieldIsReadBackAsGivenWhateverItsCharactersOrBytes() {
        byte[] body = {0, -1, '"', '\\', ',', '{', '}', 'N', 'U', 'L', 'L', (byte) 0xC3, (byte) 0xB8};
        String key = "a \"quoted\", {braced} \\ back-slashed key";
        StoredAnswer answer = new StoredAnswer(202, "application/json", "{\"id\":\"x\",\"note\":\"\\\\ \\\"\"}");
        String mapped = "{\"text\":\"Printer ø € 😀\",\"empty\":\"\"}";
        String id = UUID.randomUUID().toString();
        messages.appendAndWait(NewMessage.received(id, "automize", T0)
                .envelope("Inbound Automize Incident", "asynchronous", key, "", "NULL").body("json;charset=UTF-8", body)
                .status(MessageStatus.QUEUED, "ticketing").idempotency("idem NULL {}", "hash-1", answer)
                .mapped(mapped).build());

        StoredMessage read = messages.find(id).orElseThrow();
        assertThat(read.partner()).isEqualTo("automize");
        assertThat(read.messageType()).isEqualTo("Inbound Automize Incident");
        assertThat(read.integrationMode()).isEqualTo("asynchronous");
        assertThat(read.correlationId()).isEqualTo(key);
        assertThat(read.externalAction()).isEmpty();
        assertThat(read.externalReference()).isEqualTo("NULL");
        assertThat(read.bodyFormat()).isEqualTo("json;charset=UTF-8");
        assertThat(read.body()).containsExactly(body);
        assertThat(read.status()).isEqualTo(MessageStatus.QUEUED);
        assertThat(read.attempts()).isZero();
        assertThat(read.nextAttemptAt()).isEqualTo(T0);
        assertThat(read.target()).isEqualTo("ticketing");
        assertThat(read.idempotencyKey()).isEqualTo("idem NULL {}");
        assertThat(read.receivedAt()).isEqualTo(T0);
        assertThat(read.updatedAt()).isEqualTo(T0);
        assertThat(read.mapped()).isEqualTo(mapped);
        assertThat(read.lastError()).isNull();
        assertThat(messages.findByIdempotencyKey("automize", "idem NULL {}").orElseThrow())
                .isEqualTo(new IdempotencyRecord(id, "hash-1", answer));
    }

    @Test
    void aGroupsMessagesOfOneKeyWaitBehindItsFirstInTheOrderTheyCameIn() {
        String earlier = UUID.randomUUID().toString();
        messages.appendAndWait(message(earlier, "open-key"));
        List<String> keyOne = new ArrayList<>();
        List<String> openKey = new ArrayList<>();
        List<CompletableFuture<Void>> stored = new ArrayList<>();
        for (int i = 0; i < 4; i++) { // not awaited one by one: written together, in this order
            keyOne.add(UUID.randomUUID().toString());
            stored.add(messages.append(message(keyOne.get(i), "key-1")));
            openKey.add(UUID.randomUUID().toString());
            stored.add(messages.append(message(openKey.get(i), "open-key")));
        }
        stored.forEach(CompletableFuture::join);

        assertThat(queue.claimDue("ticketing", 20, T0)).extracting(Claim::messageId)
                .as("the first of key-1 and the earlier message of open-key; the rest wait")
                .containsExactlyInAnyOrder(keyOne.get(0), earlier);
        for (int i = 1; i < 4; i++) {
            messages.record(delivered(keyOne.get(i - 1)), "automize", "key-1");
            messages.record(delivered(i == 1 ? earlier : openKey.get(i - 2)), "automize", "open-key");
            assertThat(queue.claimDue("ticketing", 20, T0)).extracting(Claim::messageId)
                    .containsExactlyInAnyOrder(keyOne.get(i), openKey.get(i - 1));
        }
    }

    @Test
    void theSearchForQueuedMessagesFindsHeadsAndTheMessagesWaitingBehindThemButNotThoseBeingDelivered() {
        List<String> ids = new ArrayList<>();
        for (String key : List.of("key-1", "key-1", "key-2")) {
            ids.add(UUID.randomUUID().toString());
            messages.appendAndWait(message(ids.get(ids.size() - 1), key));
        }
        assertThat(queue.claimDue("ticketing", 20, T0)).extracting(Claim::messageId)
                .containsExactlyInAnyOrder(ids.get(0), ids.get(2));
        String laterHead = UUID.randomUUID().toString();
        messages.appendAndWait(message(laterHead, "key-3"));

        MessageLog.Page page = new MessageLog(database.dataSource())
                .search(new MessageFilter(MessageStatus.QUEUED, null, null, null, null, null, null), 10, 0);

        assertThat(page.total()).isEqualTo(2);
        assertThat(page.items()).extracting(StoredMessage::id).containsExactlyInAnyOrder(ids.get(1), laterHead);
    }

    private static NewMessage message(String id, String key) {
        return NewMessage.received(id, "automize", T0 - 1000)
                .envelope("Inbound Automize Incident", "asynchronous", key, "update", "INC1")
                .body("json", "{}".getBytes(StandardCharsets.UTF_8)).status(MessageStatus.QUEUED, "ticketing")
                .build();
    }

    private static DeliveryRecord delivered(String id) {
        return DeliveryRecord.attempt(id, 1, "ticketing", T0 + 1).delivered(200, null, null, null, null);
    }
}
