/**
 * One connector per target system: each builds its target's wire format from the mapped fields, sets the
 * credentials, calls the target with its timeout and classifies the answer. Connectors never touch the store.
 */
package io.integrationhub.connectors;
