package io.integrationhub.connectors;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.hc.core5.http.HttpEntity;

/**
 * The request a connector would send, as a dry run shows it (SPEC §5): method, URL, the headers the hub sets with
 * credentials as {@code ***}, and the body (JSON as JSON, other text as text) or, for multipart, its parts.
 */
public record TargetRequest(String method, String url, Map<String, String> headers, Object body, List<Part> parts) {

    public static final String MASK = "***";

    /** A multipart request's part: a JSON part shows its content too, a file only its size. */
    public record Part(String name, String filename, String contentType, long size, JsonNode json) {
    }

    /**
     * This request with {@code redact} applied to every text in it: a credential may also sit in a URL or, through a
     * field map, in the body.
     */
    public TargetRequest redacted(java.util.function.UnaryOperator<String> redact) {
        Map<String, String> clean = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, value) -> clean.put(name, redact.apply(value)));
        Object cleanBody = body instanceof JsonNode json ? redactedJson(json, redact)
                : body instanceof String text ? redact.apply(text) : body;
        List<Part> cleanParts = parts == null ? null : parts.stream().map(p -> new Part(p.name(), p.filename(),
                p.contentType(), p.size(), p.json() == null ? null : redactedJson(p.json(), redact))).toList();
        return new TargetRequest(method, redact.apply(url), clean, cleanBody, cleanParts);
    }

    private static JsonNode redactedJson(JsonNode json, java.util.function.UnaryOperator<String> redact) {
        String text = json.toString();
        String clean = redact.apply(text);
        if (clean.equals(text)) {
            return json;
        }
        JsonNode parsed = WireJson.parse(clean);
        return parsed != null ? parsed : WireJson.MAPPER.getNodeFactory().textNode(clean);
    }

    /** The answer's {@code request} object. */
    public Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("method", method);
        out.put("url", url);
        out.put("headers", headers);
        if (parts != null) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (Part p : parts) {
                Map<String, Object> part = new LinkedHashMap<>();
                part.put("name", p.name());
                part.put("filename", p.filename());
                part.put("content_type", p.contentType());
                part.put("size", p.size());
                if (p.json() != null) {
                    part.put("body", p.json());
                }
                list.add(part);
            }
            out.put("parts", list);
        } else {
            out.put("body", body);
        }
        return out;
    }

    /**
     * How a connector's request is built, kept beside its route so that a dry run runs the very processor the route
     * runs, on an exchange that is never sent.
     */
    public record Builder(String url, Set<String> credentials, Processor request) {

        public static final String REGISTRY_PREFIX = "target-request-";

        public TargetRequest build(Exchange exchange) throws Exception {
            request.process(exchange);
            Message message = exchange.getMessage();
            Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            Object body = message.getBody();
            if (body instanceof HttpEntity entity) {
                // The multipart boundary is chosen per request: the type alone says what the target gets.
                headers.put("Content-Type", entity.getContentType().replaceFirst(";\\s*boundary=.*$", ""));
            }
            message.getHeaders().forEach((name, value) -> {
                if (!name.startsWith("Camel") && value != null) {
                    headers.put(name, credentials.contains(name) ? MASK : String.valueOf(value));
                }
            });
            if (body instanceof HttpEntity) {
                return new TargetRequest("POST", url, headers, null, ConnectorExchange.parts(exchange));
            }
            return new TargetRequest("POST", url, headers, body(body, headers.get(Exchange.CONTENT_TYPE)), null);
        }

        private static Object body(Object body, String contentType) {
            if (!(body instanceof byte[] bytes)) {
                return body;
            }
            if (contentType != null && contentType.contains("json")) {
                JsonNode json = WireJson.parse(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
                if (json != null) {
                    return json;
                }
            }
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
