package io.integrationhub.api;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import io.integrationhub.message.BodyFormat;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.auth.User;
import io.vertx.ext.web.RoutingContext;

/**
 * The HTTP gate in front of the API routes. SPEC §3 orders the checks 401 → 415 → 413; platform-http reads the whole
 * body before a route runs, so credentials, content type and a declared oversized length are checked here, on the
 * Vert.x router, before the body is read. A body that streams past the limit without declaring it is stopped by
 * platform-http's body handler (camel.server.max-body-size), whose 413 this gate answers. The authenticated caller
 * travels to the route as the Vert.x user.
 */
public final class HttpGate implements Handler<RoutingContext> {

    public static final String API_BASE = "/api/x_autps_int_app/integration_app";
    public static final String CREATE_MESSAGE = API_BASE + "/CreateMessage";
    /** SPEC §3's other generations: the type in the path, and the payload alone. */
    public static final String TYPED_CREATE_MESSAGE = API_BASE + "/{message_type}/CreateMessage";
    public static final String PAYLOAD_MESSAGE = API_BASE + "/message_type/{message_type}/message";
    private static final java.util.regex.Pattern CREATE_MESSAGE_PATHS = java.util.regex.Pattern.compile(
            java.util.regex.Pattern.quote(API_BASE) + "/(CreateMessage|[^/]+/CreateMessage|message_type/[^/]+/message)");
    public static final String MESSAGES = API_BASE + "/messages/";
    public static final String OPS_API = "/api/ops";
    public static final String CHALLENGE = "Basic realm=\"integration-hub\", charset=\"UTF-8\"";

    private final PartnerDirectory partners;
    private final long maxBodyBytes;
    private final java.util.function.Consumer<String> onFailedLogin;
    private volatile java.util.function.IntConsumer onPartnerAnswer = status -> { };
    // Requests that came before the hub was ready: the HTTP server listens before Camel has started every route, and
    // such a request would be answered 404 (no route yet) or 422 (no message type yet). They wait, paused, instead.
    private final List<Runnable> waiting = new ArrayList<>();
    private volatile boolean open;

    /** {@code onFailedLogin} hears the realm ("partner" or "ops") of each request with wrong or no credentials. */
    public HttpGate(PartnerDirectory partners, long maxBodyBytes,
                       java.util.function.Consumer<String> onFailedLogin) {
        this.partners = partners;
        this.maxBodyBytes = maxBodyBytes;
        this.onFailedLogin = onFailedLogin;
    }

    /** The hub is ready (every route started, the workers running): the requests that waited go on. */
    public void open() {
        List<Runnable> release;
        synchronized (waiting) {
            open = true;
            release = List.copyOf(waiting);
            waiting.clear();
        }
        release.forEach(Runnable::run);
    }

    /** How many requests wait for {@link #open()}. */
    int waiting() {
        synchronized (waiting) {
            return waiting.size();
        }
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (!open) {
            synchronized (waiting) {
                if (!open) {
                    Context onItsLoop = Vertx.currentContext();
                    ctx.request().pause();
                    waiting.add(() -> onItsLoop.runOnContext(v -> admitOpen(ctx)));
                    return;
                }
            }
        }
        admitOpen(ctx);
    }

    private void admitOpen(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        HttpServerRequest request = ctx.request();
        if (request.method() == HttpMethod.POST && isCreateMessage(path)) {
            admitCreateMessage(ctx);
        } else if (path.startsWith(MESSAGES)) {
            countAnswer(ctx);
            admit(ctx, caller(request, true, true));
        } else if (path.equals(OPS_API) || path.startsWith(OPS_API + "/") || path.equals("/ops")
                || path.startsWith("/ops/")) {
            admit(ctx, caller(request, false, true));
        } else {
            ctx.next();
        }
    }

    // CreateMessage itself without a regex: it is nearly every request the gate sees.
    private static boolean isCreateMessage(String path) {
        return path.equals(CREATE_MESSAGE)
                || path.startsWith(API_BASE) && CREATE_MESSAGE_PATHS.matcher(path).matches();
    }

    /** {@code listener} hears the HTTP status of each answer of the partner API, refusals at the gate included. */
    public void onPartnerAnswer(java.util.function.IntConsumer listener) {
        this.onPartnerAnswer = listener;
    }

    private void countAnswer(RoutingContext ctx) {
        ctx.addEndHandler(done -> onPartnerAnswer.accept(ctx.response().getStatusCode()));
    }

    private void admitCreateMessage(RoutingContext ctx) {
        countAnswer(ctx);
        HttpServerRequest request = ctx.request();
        Caller caller = caller(request, true, false);
        if (caller == null) {
            onFailedLogin.accept("partner");
            reject(ctx, ApiError.unauthorized());
            return;
        }
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (BodyFormat.ofContentType(contentType) == null || !charsetSupported(contentType)) {
            reject(ctx, unsupportedMediaType());
            return;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && declaredLength(length) > maxBodyBytes) {
            reject(ctx, payloadTooLarge());
            return;
        }
        ctx.setUser(User.fromName(caller.principal()));
        ctx.next();
    }

    private void admit(RoutingContext ctx, Caller caller) {
        if (caller == null) {
            boolean partnerApi = ctx.normalizedPath().startsWith(MESSAGES);
            onFailedLogin.accept(partnerApi ? "partner" : "ops");
            reject(ctx, partnerApi ? ApiError.unauthorized() : ApiError.unauthorizedAdmin());
            return;
        }
        ctx.setUser(User.fromName(caller.principal()));
        ctx.next();
    }

    /** Answers the failures platform-http's body handler raises: 413 while streaming, 400 for a broken body. */
    public void failure(RoutingContext ctx) {
        if (ctx.response().ended()) {
            return;
        }
        if (ctx.statusCode() == 413) {
            reject(ctx, payloadTooLarge());
        } else if (ctx.statusCode() == 400) {
            reject(ctx, ApiError.invalidBody("The request body could not be read."));
        } else {
            ctx.next();
        }
    }

    /** Answers a request for a path no route serves: 404 with the error body, in the format asked for. */
    public void notFound(RoutingContext ctx) {
        if (!ctx.response().ended()) {
            String path = ctx.normalizedPath();
            reject(ctx, ApiError.notFound("No such path: " + ctx.request().method() + " "
                    + (path.length() > 200 ? path.substring(0, 200) + "…" : path)
                    + ". Partners post to " + CREATE_MESSAGE + " (or the other generations' paths); ops use "
                    + OPS_API + "."));
        }
    }

    private Caller caller(HttpServerRequest request, boolean partnerAllowed, boolean adminAllowed) {
        Optional<String[]> credentials = basicCredentials(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (credentials.isEmpty()) {
            return null;
        }
        String user = credentials.get()[0];
        String password = credentials.get()[1];
        if (adminAllowed && partners.authenticateAdmin(user, password)) {
            return Caller.administrator();
        }
        if (partnerAllowed) {
            return partners.authenticatePartner(user, password).map(Caller::partner).orElse(null);
        }
        return null;
    }

    static Optional<String[]> basicCredentials(String authorization) {
        if (authorization == null || authorization.length() < 6
                || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty()
                    : Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean charsetSupported(String contentType) {
        String charset = BodyFormat.charset(contentType);
        try {
            return charset == null || Charset.isSupported(charset);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static long declaredLength(String length) {
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public static ApiError unsupportedMediaType() {
        return new ApiError(415, "unsupported_media_type", "Send the body as application/json or application/xml "
                + "(text/json and text/xml too; charset allowed).", List.of());
    }

    private ApiError payloadTooLarge() {
        return new ApiError(413, "payload_too_large", "The request body is larger than the " + maxBodyBytes
                + " bytes this hub accepts.", List.of());
    }

    /** Answers before the body is read; the connection closes so that an unread body is not sent on. */
    private static void reject(RoutingContext ctx, ApiError error) {
        HttpServerRequest request = ctx.request();
        BodyFormat format = BodyFormat.answerFormat(request.getHeader(HttpHeaders.ACCEPT),
                BodyFormat.ofContentType(request.getHeader(HttpHeaders.CONTENT_TYPE)));
        var response = ctx.response().setStatusCode(error.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, format.contentType());
        if (error.status() == 401) {
            response.putHeader("WWW-Authenticate", CHALLENGE);
        }
        boolean unreadBody = request.getHeader(HttpHeaders.CONTENT_LENGTH) != null
                || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
        if (unreadBody && !request.isEnded()) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        response.end(io.vertx.core.buffer.Buffer.buffer(Answer.of(error).render(format)));
    }
}
