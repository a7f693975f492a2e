/** The store: schema, the message log and queue, External IDs. The only package that speaks SQL. */
package io.integrationhub.store;
