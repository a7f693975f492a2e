package io.integrationhub.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.integrationhub.api.AnswerWriter;
import io.integrationhub.api.ApiError;
import io.integrationhub.api.Timestamps;
import io.integrationhub.message.BodyFormat;
import org.apache.camel.Exchange;

/** SPEC §7 {@code /api/ops/targets}: each lane's state and queue; pause and resume a lane. JSON only. */
public final class TargetsApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Lanes lanes;
    private final String adminUser;

    public TargetsApi(Lanes lanes, String adminUser) {
        this.lanes = lanes;
        this.adminUser = adminUser;
    }

    public void list(Exchange exchange) {
        OpsApi.requireAdmin(exchange);
        List<Map<String, Object>> body = new ArrayList<>();
        lanes.all().forEach(lane -> body.add(json(lane)));
        write(exchange, body);
    }

    public void pause(Exchange exchange) {
        String target = target(exchange);
        lanes.pause(target, adminUser);
        write(exchange, json(lanes.of(target)));
    }

    public void resume(Exchange exchange) {
        String target = target(exchange);
        lanes.resume(target, adminUser);
        write(exchange, json(lanes.of(target)));
    }

    private String target(Exchange exchange) {
        OpsApi.requireAdmin(exchange);
        String target = exchange.getMessage().getHeader("name", String.class);
        if (lanes.of(target) == null) {
            throw ApiError.notFound("No target named '" + target + "'; the targets are "
                    + lanes.all().stream().map(Lanes.Lane::target).toList() + ".");
        }
        return target;
    }

    static Map<String, Object> json(Lanes.Lane lane) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("target", lane.target());
        body.put("state", lane.state());
        body.put("waiting", lane.waiting());
        body.put("in_flight", lane.inFlight());
        body.put("oldest_waiting_at", lane.oldestWaitingAt() == null ? null : Timestamps.iso(lane.oldestWaitingAt()));
        body.put("last_error", lane.lastError());
        body.put("last_success_at", lane.lastSuccessAt() == null ? null : Timestamps.iso(lane.lastSuccessAt()));
        return body;
    }

    private static void write(Exchange exchange, Object body) {
        var message = exchange.getMessage();
        message.getHeaders().clear();
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, BodyFormat.JSON.contentType());
        try {
            message.setBody(AnswerWriter.body(JSON.writeValueAsBytes(body)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
