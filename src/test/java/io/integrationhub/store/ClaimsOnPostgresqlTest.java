package io.integrationhub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;

import io.integrationhub.support.OnStore;
import io.integrationhub.support.TestStore;
import org.junit.jupiter.api.Test;

@OnStore(TestStore.POSTGRESQL)
class ClaimsOnPostgresqlTest extends ClaimsTest {

    @Test
    void aRenewalDoesNotWaitForARowAnotherTransactionIsWritingButRenewsItNextTime() throws Exception {
        String writing = append("key-1");
        String idle = append("key-2");
        assertThat(queueA.claimDue("ticketing", 2, T0)).hasSize(2);

        try (Connection other = database.dataSource().getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement lock = other.prepareStatement(
                    "UPDATE hub_message SET updated_at = updated_at WHERE id = ?")) {
                lock.setString(1, writing);
                assertThat(lock.executeUpdate()).isEqualTo(1);
            }
            // Waiting for that row is how a renewal and a group of outcomes deadlocked for a second.
            int renewed = assertTimeoutPreemptively(Duration.ofSeconds(5),
                    () -> queueA.renew(List.of(writing, idle), T0 + LEASE / 2));
            assertThat(renewed).isEqualTo(1);
            other.rollback();
        }

        assertThat(queueA.renew(List.of(writing, idle), T0 + LEASE)).isEqualTo(2);
        assertThat(queueA.claimDue("ticketing", 2, T0 + LEASE + LEASE / 2 + 1)).as("both leases renewed").isEmpty();
    }
}
