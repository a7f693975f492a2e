package io.integrationhub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.apache.camel.health.HealthCheck;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

class TargetsHealthCheckTest {

    private static final long OPENED = 1_796_000_000_000L;

    /** Lanes whose counts would be store queries: the health check must not ask for them. */
    private static final class StatesOnly implements Lanes {

        @Override
        public List<Lane> all() {
            throw new AssertionError("the health check counted the lanes in the store");
        }

        @Override
        public List<State> states() {
            return List.of(new State("ticketing", "closed", null), new State("itx", "open", OPENED),
                    new State("webex", "paused", OPENED + 1000));
        }

        @Override
        public Lane of(String target) {
            throw new AssertionError("the health check counted a lane in the store");
        }

        @Override
        public void pause(String target, String by) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void resume(String target, String by) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void namesEachLaneNotDeliveringAndSinceWhenFromTheStatesAlone() throws Exception {
        TargetsHealthCheck check = new TargetsHealthCheck(new StatesOnly());
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            check.setCamelContext(context);

            HealthCheck.Result result = check.call();

            assertThat(result.getState()).isEqualTo(HealthCheck.State.UP);
            assertThat(result.getMessage()).hasValue("not delivering: itx open since 2026-11-30T00:53:20.000Z; "
                    + "webex paused since 2026-11-30T00:53:21.000Z");
            assertThat(result.getDetails()).containsAllEntriesOf(Map.of("target.ticketing.state", "closed",
                    "target.itx.state", "open", "target.itx.since", "2026-11-30T00:53:20.000Z",
                    "target.webex.state", "paused"));
        }
    }
}
