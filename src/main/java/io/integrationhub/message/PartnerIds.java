package io.integrationhub.message;

import java.util.Locale;
import java.util.regex.Pattern;

/** SPEC §2's partner id: what a partner's name or id normalises to, wherever it is named. */
public final class PartnerIds {

    private static final Pattern NOT_ID = Pattern.compile("[^a-z0-9]+");

    private PartnerIds() {
    }

    /** Lower-cased, each run of characters other than a-z and 0-9 one '-', '-' trimmed from both ends. */
    public static String of(String name) {
        String id = NOT_ID.matcher(name.toLowerCase(Locale.ROOT)).replaceAll("-");
        int start = 0;
        int end = id.length();
        while (start < end && id.charAt(start) == '-') {
            start++;
        }
        while (end > start && id.charAt(end - 1) == '-') {
            end--;
        }
        return id.substring(start, end);
    }
}
