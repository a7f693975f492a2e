/**
 * What every HTTP route shares, partner and ops alike: the gate (authentication, 401 · 415 · 413, the 404 for a
 * path nobody serves), the event-loop consumer, the caller, answers and error answers, timestamps.
 */
package io.integrationhub.api;
