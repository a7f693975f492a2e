/**
 * Message types: the YAML route files under routes/message-types/, the {@code message-type:} and {@code field:}
 * endpoints they are written with, and the loader that keeps each file's last good version running.
 */
package io.integrationhub.messagetypes;
