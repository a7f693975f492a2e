package io.integrationhub.store;

/** A queued message this instance has claimed for delivery; {@code attempts} counts the attempts made before. */
public record Claim(String messageId, int attempts) {
}
