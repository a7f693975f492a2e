package io.integrationhub.inbound;

/** Who made an API request: a partner (by id) or the ops user. */
public record Caller(boolean admin, String partnerId) {

    private static final String ADMIN_PREFIX = "admin:";
    private static final String PARTNER_PREFIX = "partner:";

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
