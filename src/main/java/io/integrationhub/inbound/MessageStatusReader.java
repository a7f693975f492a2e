package io.integrationhub.inbound;

import io.integrationhub.api.Answer;
import io.integrationhub.api.AnswerWriter;
import io.integrationhub.api.ApiError;
import io.integrationhub.api.Caller;
import io.integrationhub.api.MessageStatusView;
import io.integrationhub.store.MessageStore;
import io.integrationhub.store.StoredMessage;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** SPEC §3 status endpoint: a partner's own message (admin: any); anything else is 404, so ids cannot be probed. */
public final class MessageStatusReader implements Processor {

    private final MessageStore store;

    public MessageStatusReader(MessageStore store) {
        this.store = store;
    }

    @Override
    public void process(Exchange exchange) {
        Caller caller = Caller.of(exchange);
        if (caller == null) {
            throw ApiError.unauthorized();
        }
        String id = exchange.getMessage().getHeader("message_id", String.class);
        StoredMessage message = id == null ? null : store.find(id).filter(m -> caller.maySee(m.partner())).orElse(null);
        if (message == null) {
            throw ApiError.notFound("No message with id '" + id + "' was sent by you.");
        }
        AnswerWriter.write(exchange, new Answer(200, "MessageStatus", MessageStatusView.fields(message)));
    }
}
