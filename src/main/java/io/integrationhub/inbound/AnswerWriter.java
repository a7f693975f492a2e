package io.integrationhub.inbound;

import org.apache.camel.Exchange;

/** Puts an answer on the exchange for platform-http to send: only the headers the hub means to send. */
public final class AnswerWriter {

    private AnswerWriter() {
    }

    public static void write(Exchange exchange, Answer answer) {
        BodyFormat format = InboundExchange.answerFormat(exchange);
        var message = exchange.getMessage();
        // The request's headers (its Authorization among them) must not be echoed back as response headers.
        message.getHeaders().clear();
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, answer.status());
        message.setHeader(Exchange.CONTENT_TYPE, format.contentType());
        if (answer.status() == 401) {
            message.setHeader("WWW-Authenticate", InboundGate.CHALLENGE);
        }
        message.setBody(answer.render(format));
    }

    public static void error(Exchange exchange, ApiError error) {
        write(exchange, Answer.of(error));
    }
}
