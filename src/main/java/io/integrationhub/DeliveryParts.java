package io.integrationhub;

import java.util.List;

import io.integrationhub.connectors.ItxConnector;
import io.integrationhub.connectors.SuperOfficeConnector;
import io.integrationhub.connectors.TicketingConnector;
import io.integrationhub.connectors.WebexConnector;
import io.integrationhub.delivery.AsynchronousDelivery;
import io.integrationhub.delivery.DeliveryAttempt;
import io.integrationhub.delivery.DeliveryLanes;
import io.integrationhub.delivery.LaneStatus;
import io.integrationhub.delivery.PausedLanes;
import io.integrationhub.delivery.RetryPolicy;
import io.integrationhub.delivery.SynchronousDelivery;
import io.integrationhub.delivery.TargetCircuits;
import io.integrationhub.messagetypes.FieldMapper;
import io.integrationhub.notify.Notifications;
import io.integrationhub.ops.HubMetrics;
import io.integrationhub.store.ClusterNotices;
import io.integrationhub.store.LanePauses;
import org.apache.camel.CamelContext;

/** Delivery: a lane per target with its circuit, pause and workers; one attempt's code for both modes. */
final class DeliveryParts {

    /** The targets, one connector and one delivery lane each. */
    static final List<String> TARGETS = List.of(TicketingConnector.NAME, SuperOfficeConnector.NAME,
            ItxConnector.NAME, WebexConnector.NAME);

    final DeliveryAttempt attempt;
    final PausedLanes pausedLanes;
    final TargetCircuits circuits;
    final DeliveryLanes lanes;
    final SynchronousDelivery synchronous;
    final LaneStatus laneStatus;

    DeliveryParts(CamelContext context, HubSettings settings, StoreParts stores, FieldMapper mapper,
                  HubMetrics metrics, SecretRedactor redactor, Notifications notifications) {
        attempt = new DeliveryAttempt(context, stores.externalIds, redactor);
        ClusterNotices notices = new ClusterNotices(stores.database.dataSource(), stores.database.dialect());
        pausedLanes = new PausedLanes(new LanePauses(stores.database.dataSource(), notices));
        circuits = new TargetCircuits(settings, TARGETS, pausedLanes);
        circuits.onLaneChange((target, up) -> {
            notifications.laneChanged(target, up);
            if (up) {
                notices.targetAnswers(target);
            }
        });
        lanes = new DeliveryLanes(context, settings, TARGETS, stores.queue, new AsynchronousDelivery(context,
                stores.store, mapper, attempt, RetryPolicy.of(settings), metrics, circuits, notifications),
                stores.heldClaims,
                circuits);
        synchronous = new SynchronousDelivery(stores.store, attempt, stores.heldClaims, metrics, circuits,
                notifications);
        laneStatus = new LaneStatus(circuits, stores.messageLog);
    }
}
