package io.integrationhub.connectors;

/**
 * What a connector knows of a correlation key at its target (SPEC §4 External IDs): the record the key continues (a
 * ticket, a case, a session) and the last id the target returned. The delivery side reads them from the store.
 */
public record KnownIds(String recordRef, String lastRef) {
}
