package io.integrationhub.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An answer that is an error (SPEC §3 error body). Thrown anywhere on the request path; the route answers it with
 * its status in the caller's format. {@code extra} carries the fields of errors about a stored message.
 */
public class ApiError extends RuntimeException {

    private final int status;
    private final String code;
    private final List<String> details;
    private final Map<String, Object> extra;

    public ApiError(int status, String code, String message, List<String> details) {
        this(status, code, message, details, Map.of());
    }

    public ApiError(int status, String code, String message, List<String> details, Map<String, Object> extra) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.details = List.copyOf(details);
        this.extra = new LinkedHashMap<>(extra);
    }

    public static ApiError invalidBody(String message, String... details) {
        return new ApiError(400, "invalid_body", message, List.of(details));
    }

    public static ApiError unauthorized() {
        return new ApiError(401, "unauthorized",
                "Authenticate with HTTP Basic: your partner name and secret.", List.of());
    }

    public static ApiError unauthorizedAdmin() {
        return new ApiError(401, "unauthorized", "Authenticate with HTTP Basic as the ops user.", List.of());
    }

    public static ApiError notFound(String what) {
        return new ApiError(404, "not_found", what, List.of());
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<String> details() {
        return details;
    }

    public Map<String, Object> extra() {
        return extra;
    }
}
