package io.integrationhub.store;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Message ids: UUIDs of version 7 (RFC 9562), a millisecond timestamp followed by 74 random bits. Ids made one after
 * the other sort together, so each insert lands at the right end of the primary key's B-tree instead of on a random
 * page, and a commit rewrites a few pages rather than one per row once the table is large.
 */
public final class MessageIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private MessageIds() {
    }

    public static String next() {
        return next(System.currentTimeMillis());
    }

    static String next(long epochMillis) {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        long high = (epochMillis << 16) | 0x7000L | ((random[0] & 0x0FL) << 8) | (random[1] & 0xFFL);
        long low = 0x8000_0000_0000_0000L | ((random[2] & 0x3FL) << 56);
        for (int i = 3; i < 10; i++) {
            low |= (random[i] & 0xFFL) << (8 * (9 - i));
        }
        return new UUID(high, low).toString();
    }
}
