package io.integrationhub.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(6, 1000, 2.0, 300000);

    @Test
    void delaysGrowExponentiallyUpToTheMaximum() {
        assertThat(policy.delayAfter(1, null)).isEqualTo(1000);
        assertThat(policy.delayAfter(2, null)).isEqualTo(2000);
        assertThat(policy.delayAfter(3, null)).isEqualTo(4000);
        assertThat(policy.delayAfter(20, null)).isEqualTo(300000);
    }

    @Test
    void aLongerRetryAfterWinsButNotBeyondTheMaximum() {
        assertThat(policy.delayAfter(1, 30000L)).isEqualTo(30000);
        assertThat(policy.delayAfter(3, 10L)).isEqualTo(4000);
        assertThat(policy.delayAfter(1, 3_600_000L)).isEqualTo(300000);
    }

    @Test
    void attemptsIncludeTheFirst() {
        assertThat(policy.mayRetryAfter(5)).isTrue();
        assertThat(policy.mayRetryAfter(6)).isFalse();
    }
}
