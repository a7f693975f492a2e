package io.integrationhub.store;

import java.nio.charset.StandardCharsets;

/**
 * A 64-bit hash of a partner's correlation key (FNV-1a over both, separated). Two keys that collide are ordered as
 * one key: stricter than needed, never wrong.
 */
final class KeyHash {

    private KeyHash() {
    }

    static long of(String partner, String correlationId) {
        long h = 0xcbf29ce484222325L;
        h = mix(h, partner);
        h = (h ^ '\n') * 0x100000001b3L;
        return mix(h, correlationId);
    }

    private static long mix(long h, String s) {
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return h;
    }
}
