package io.integrationhub.connectors;

/**
 * A target's successful answer.
 *
 * @param reference   the id shown to the partner as {@code target_reference}, or null (SuperOffice's 204)
 * @param recordRef   the target record this correlation key continues (External IDs), or null
 * @param lastRef     the id of what this request created (External IDs), or null
 */
public record TargetReceipt(String target, int status, String body, String contentType, String reference,
                            String recordRef, String lastRef) {
}
