/** Delivery: the workers that claim queued messages, per-key order, retries, dead letters, synchronous delivery. */
package io.integrationhub.delivery;
