package io.integrationhub.api;

import io.vertx.ext.auth.User;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpConstants;

/** Who made an API request: a partner (by id) or the ops user. */
public record Caller(boolean admin, String partnerId) {

    private static final String ADMIN_PREFIX = "admin:";
    private static final String PARTNER_PREFIX = "partner:";
    private static final String VARIABLE = "hub.caller";

    /** The caller the HTTP gate authenticated for this request, or null when the request did not pass it. */
    public static Caller of(Exchange exchange) {
        Caller known = exchange.getVariable(VARIABLE, Caller.class);
        if (known != null) {
            return known;
        }
        User user = exchange.getMessage().getHeader(VertxPlatformHttpConstants.AUTHENTICATED_USER, User.class);
        Caller caller = user == null ? null : fromPrincipal(user.principal().getString("username"));
        if (caller != null) {
            exchange.setVariable(VARIABLE, caller);
        }
        return caller;
    }

    public static Caller partner(String id) {
        return new Caller(false, id);
    }

    public static Caller administrator() {
        return new Caller(true, null);
    }

    /** The principal name carried from the HTTP gate to the Camel route. */
    public String principal() {
        return admin ? ADMIN_PREFIX : PARTNER_PREFIX + partnerId;
    }

    public static Caller fromPrincipal(String principal) {
        if (principal == null) {
            return null;
        }
        if (principal.equals(ADMIN_PREFIX)) {
            return administrator();
        }
        return principal.startsWith(PARTNER_PREFIX) ? partner(principal.substring(PARTNER_PREFIX.length())) : null;
    }

    /** Whether this caller may see a message of the given partner (SPEC §3: own messages; admin: any). */
    public boolean maySee(String messagePartner) {
        return admin || partnerId.equals(messagePartner);
    }
}
