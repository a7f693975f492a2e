package io.integrationhub.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.junit.jupiter.api.Test;

/** The fields a field step may fill per connector: the members of each seed's request that the connector sends. */
class ConnectorFieldsTest {

    @Test
    void theFourConnectorsComeInAFixedOrder() {
        assertThat(ConnectorFields.all().keySet()).containsExactly("ticketing", "superoffice", "itx", "webex");
    }

    @Test
    void ticketingHasEveryNewMessagePostMemberOfSeed003() {
        assertThat(ConnectorFields.all().get("ticketing")).containsExactly("TicketREF", "TicketId", "Message",
                "Html", "IsPrivate", "IsMobileDevice", "Attachments", "SendViaOutboundEmail",
                "SendViaOutboundEmailFrom", "SendViaOutboundEmailCc", "SendViaOutboundEmailBcc");
    }

    @Test
    void superOfficeHasTheIncomingMessageMembersTheConnectorSends() {
        assertThat(ConnectorFields.all().get("superoffice"))
                .containsExactly("To", "From", "Content", "Format", "SessionKey", "Plugin");
    }

    @Test
    void itxHasSeed002sAttributesAndTheAttachmentsForTheFilesParts() {
        assertThat(ConnectorFields.all().get("itx")).containsExactly("eactId", "conversationEactId",
                "replyToEactId", "corpId", "eeexId", "contactEeexId", "direction", "subject", "body", "isDraft",
                "userId", "caseEactId", "createCase", "caseStatusEmstId", "caseCategoryCtnoId", "caseQueueUcquId",
                "attachments");
    }

    @Test
    void webexHasTheEventMembersAndTheRequestsExpiryAndNotifyUrl() {
        assertThat(ConnectorFields.all().get("webex"))
                .containsExactly("evtid", "correlationid", "parameters", "expiry", "notifyurl");
    }

    @Test
    void theMapCannotBeChanged() {
        assertThatThrownBy(() -> ConnectorFields.all().put("mail", Set.of()))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ConnectorFields.all().get("webex").add("events"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
