package io.integrationhub.store;

/**
 * SPEC §4 External IDs of one (partner, correlation_id, target): the record the key continues and the last id the
 * target returned for it.
 */
public record ExternalIds(String recordRef, String lastRef) {
}
