package io.integrationhub.message;

import java.util.Locale;

/** The two body formats of SPEC §3 and the negotiation of the answer's format. */
public enum BodyFormat {
    JSON("application/json"),
    XML("application/xml");

    private final String contentType;

    BodyFormat(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    public String stored() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static BodyFormat fromStored(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** The format of a Content-Type header, or null when the hub does not accept it (415). */
    public static BodyFormat ofContentType(String contentType) {
        if (contentType == null) {
            return null;
        }
        String mediaType = mediaType(contentType);
        return switch (mediaType) {
            case "application/json", "text/json" -> JSON;
            case "application/xml", "text/xml" -> XML;
            default -> null;
        };
    }

    /** The charset parameter of a Content-Type header, or null. */
    public static String charset(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String part : contentType.split(";")) {
            String p = part.trim();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                return p.substring(8).trim().replace("\"", "");
            }
        }
        return null;
    }

    static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    /**
     * The answer's format: the request's unless {@code Accept} asks for the other one (SPEC §3). The JSON or XML
     * media type with the highest quality wins (RFC 9110; 0 refuses); at equal quality the request's format, else the
     * first listed; wildcards keep the request's format.
     */
    public static BodyFormat answerFormat(String accept, BodyFormat requestFormat) {
        BodyFormat fallback = requestFormat == null ? JSON : requestFormat;
        if (accept == null || accept.isBlank()) {
            return fallback;
        }
        BodyFormat best = null;
        double bestQuality = 0;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            BodyFormat f = ofContentType(parts[0].trim().toLowerCase(Locale.ROOT));
            double quality = quality(parts);
            if (f != null && (quality > bestQuality || quality == bestQuality && quality > 0 && f == fallback)) {
                best = f;
                bestQuality = quality;
            }
        }
        return best == null ? fallback : best;
    }

    private static double quality(String[] parameters) {
        for (int i = 1; i < parameters.length; i++) {
            String p = parameters[i].trim().toLowerCase(Locale.ROOT).replace(" ", "");
            if (p.startsWith("q=")) {
                try {
                    return Double.parseDouble(p.substring(2));
                } catch (NumberFormatException e) {
                    return 1; // an unreadable quality is not a refusal
                }
            }
        }
        return 1;
    }
}
