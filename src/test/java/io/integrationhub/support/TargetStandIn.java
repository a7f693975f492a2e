package io.integrationhub.support;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/** One WireMock server standing in for all four targets, which the hub tells apart by path. */
public final class TargetStandIn implements AutoCloseable {

    public static final String TICKETING = "/api/Tickets/NewMessage";
    public static final String SUPEROFFICE = "/api/v1/Agents/Messaging/CreateMessage";
    public static final String ITX = "/rest/itxems/message";
    public static final String WEBEX = "/resources/v1/events/externalevent";

    private final WireMockServer server;

    public TargetStandIn() {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().containerThreads(40));
        server.start();
    }

    public WireMockServer server() {
        return server;
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    /** Ticketing takes every message: 200 with {@code TicketMessageId} 1. */
    public void ticketingAccepts() {
        server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlEqualTo(TICKETING)).willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/json").withBody("{\"TicketMessageId\":1}")));
    }

    public List<LoggedRequest> received(String path) {
        return server.findAll(anyRequestedFor(urlEqualTo(path)));
    }

    @Override
    public void close() {
        server.stop();
    }
}
