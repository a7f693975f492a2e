/**
 * The partner API (SPEC §3): CreateMessage in each generation, the idempotency check, the message type check, the
 * receipt, the synchronous answer, the dry run and a message's status. Nothing outside it imports it.
 */
package io.integrationhub.inbound;
