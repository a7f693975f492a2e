/**
 * The canonical message: seed 000's envelope and its JSON and XML readers (the second generation's payload-only body
 * too), the partner id it names, and the 400 a body that is no message gets. Uses only the store's row types.
 */
package io.integrationhub.message;
