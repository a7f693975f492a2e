package io.integrationhub.store;

import java.util.List;

/** What a replay did: how many dead messages went back to the queue, and which ids were not dead. */
public record Replay(int replayed, List<String> skipped) {
}
