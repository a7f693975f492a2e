/** Ops: health checks, metrics, the ops API and the dashboard. */
package io.integrationhub.ops;
