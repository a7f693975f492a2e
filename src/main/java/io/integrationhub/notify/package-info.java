/** Notifications (SPEC §7): signed webhook events about dead and failed messages and lanes, sent from an outbox. */
package io.integrationhub.notify;
