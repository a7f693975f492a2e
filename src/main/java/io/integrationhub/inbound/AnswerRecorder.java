package io.integrationhub.inbound;

import java.nio.charset.StandardCharsets;

import io.integrationhub.api.Answer;
import io.integrationhub.api.AnswerWriter;
import io.integrationhub.message.BodyFormat;
import io.integrationhub.store.StoredAnswer;
import org.apache.camel.Exchange;

/** The answer to a request as it goes out, kept when the request carries an Idempotency-Key. */
final class AnswerRecorder {

    private AnswerRecorder() {
    }

    /** The answer as stored for a repeat, or null when the request has no Idempotency-Key. */
    static StoredAnswer stored(Exchange exchange, Answer answer) {
        if (exchange.getVariable(InboundExchange.IDEMPOTENCY_KEY, String.class) == null) {
            return null;
        }
        BodyFormat format = AnswerWriter.answerFormat(exchange);
        return new StoredAnswer(answer.status(), format.contentType(),
                new String(answer.render(format), StandardCharsets.UTF_8));
    }
}
