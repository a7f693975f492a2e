package io.integrationhub.support;

/** Seed 000's CreateMessage examples, and variations of them. */
public final class Seeds {

    public static final String JSON = """
            {
              "payload": {
                "short_description": "Printer is not working",
                "urgency": 3,
                "impact": 3,
                "number": "INC00001001"
              },
              "integrationmode": "asynchronous",
              "integrationPartner": "Automize",
              "correlation_id": "5d3b0b079721ae10b2ddfbf0f053af2d",
              "external_action": "update",
              "external_reference": "INC00001001",
              "message_type": "Inbound Automize Incident"
            }
            """;

    public static final String XML = """
            <CreateMessageRequest>
              <payload>
                <short_description>Printer is not working</short_description>
                <urgency>3</urgency>
                <impact>3</impact>
                <number>INC00001001</number>
              </payload>
              <integrationmode>synchronous</integrationmode>
              <integrationPartner>Automize</integrationPartner>
              <correlation_id>5d3b0b079721ae10b2ddfbf0f053af2d</correlation_id>
              <external_action>update</external_action>
              <external_reference>INC00001001</external_reference>
              <message_type>Inbound Automize Incident</message_type>
            </CreateMessageRequest>
            """;

    private Seeds() {
    }

    /** The JSON example as an incident of its own: another correlation_id, description and mode. */
    public static String json(String mode, String correlationId, String description) {
        return JSON.replace("\"asynchronous\"", "\"" + mode + "\"")
                .replace("5d3b0b079721ae10b2ddfbf0f053af2d", correlationId)
                .replace("Printer is not working", description);
    }
}
