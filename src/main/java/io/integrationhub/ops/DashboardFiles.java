package io.integrationhub.ops;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import io.integrationhub.api.Answer;
import io.integrationhub.api.AnswerWriter;
import io.integrationhub.api.ApiError;
import io.integrationhub.api.Caller;
import io.integrationhub.message.BodyFormat;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** Serves the dashboard's static files from the classpath (no front-end build step). */
public final class DashboardFiles implements Processor {

    private static final Map<String, String> FILES = Map.of(
            "/ops", "index.html", "/ops/", "index.html", "/ops/index.html", "index.html",
            "/ops/ops.css", "ops.css", "/ops/ops.js", "ops.js", "/ops/message.js", "message.js");
    private static final Map<String, String> TYPES = Map.of(
            "index.html", "text/html; charset=utf-8", "ops.css", "text/css; charset=utf-8",
            "ops.js", "text/javascript; charset=utf-8", "message.js", "text/javascript; charset=utf-8");

    @Override
    public void process(Exchange exchange) throws IOException {
        Caller caller = Caller.of(exchange);
        exchange.setVariable(AnswerWriter.ANSWER_FORMAT, BodyFormat.JSON);
        if (caller == null || !caller.admin()) {
            AnswerWriter.error(exchange, ApiError.unauthorizedAdmin());
            return;
        }
        String path = exchange.getMessage().getHeader(Exchange.HTTP_PATH, String.class);
        String file = FILES.get(path == null || path.isEmpty() ? "/ops" : path.startsWith("/ops") ? path
                : "/ops" + path);
        if (file == null) {
            AnswerWriter.write(exchange, Answer.of(ApiError.notFound("No such dashboard file.")));
            return;
        }
        byte[] bytes;
        try (InputStream in = DashboardFiles.class.getResourceAsStream("/ops/" + file)) {
            bytes = in.readAllBytes();
        }
        var message = exchange.getMessage();
        message.getHeaders().clear();
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, TYPES.get(file));
        message.setHeader("Cache-Control", "no-store");
        message.setBody(AnswerWriter.body(bytes));
    }
}
