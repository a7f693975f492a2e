/** Integration Hub: receives partner messages and forwards them to SuperOffice, ITX, ticketing and Webex Connect. */
package io.integrationhub;
