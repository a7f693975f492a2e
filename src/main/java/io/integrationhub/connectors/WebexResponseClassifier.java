package io.integrationhub.connectors;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads Webex Connect's answer, {@code {"response": {...}}} or {@code {"response": [{...}]}}, each with a code
 * (SPEC §6): 1002 Queued is success; 7005 and 7020 are worth another attempt; every other code is final.
 */
final class WebexResponseClassifier {

    static final int QUEUED = 1002;
    static final Set<Integer> TRANSIENT = Set.of(7005, 7020);
    static final int TRANSACTION_LIMIT = 7020;

    private WebexResponseClassifier() {
    }

    /** The transid of a queued event; throws for any other outcome, keeping the code and description. */
    static String requireQueued(TargetAnswer answer) {
        JsonNode body = WireJson.parse(answer.body());
        JsonNode response = body == null ? null : body.get("response");
        if (response != null && response.isArray()) {
            JsonNode failed = null;
            for (JsonNode item : response) {
                if (code(item) != QUEUED) {
                    failed = item;
                    break;
                }
            }
            response = failed != null ? failed : response.size() > 0 ? response.get(0) : null;
        }
        if (response == null || !response.isObject()) {
            throw new TargetRejectedException(WebexConnector.NAME, answer.status(), answer.body(),
                    "webex answered without a response code");
        }
        int code = code(response);
        if (code == QUEUED) {
            JsonNode transid = response.get("transid");
            return transid == null || transid.isNull() ? null : transid.asText();
        }
        String description = response.hasNonNull("description") ? response.get("description").asText() : "";
        String message = "webex answered code " + (code < 0 ? "(none)" : code)
                + (description.isEmpty() ? "" : " (" + description + ")");
        if (TRANSIENT.contains(code)) {
            throw new TargetUnavailableException(WebexConnector.NAME, answer.status(), answer.body(), message, null,
                    code == TRANSACTION_LIMIT);
        }
        throw new TargetRejectedException(WebexConnector.NAME, answer.status(), answer.body(), message);
    }

    private static int code(JsonNode item) {
        JsonNode code = item == null ? null : item.get("code");
        if (code == null || code.isNull()) {
            return -1;
        }
        try {
            return code.isNumber() ? code.asInt() : Integer.parseInt(code.asText().trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
