/** The partner API: the HTTP gate, content negotiation, parsing, validation, authentication, receipts. */
package io.integrationhub.inbound;
