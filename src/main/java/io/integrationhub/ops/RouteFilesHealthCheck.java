package io.integrationhub.ops;

import java.util.Map;

import io.integrationhub.messagetypes.MessageTypeFiles;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Names the message type files that did not load and why (SPEC §5). It stays UP: every type keeps serving its last
 * good version, so a broken file is news for the engineer, not a reason to take the hub out of rotation.
 */
public final class RouteFilesHealthCheck extends AbstractHealthCheck {

    private final MessageTypeFiles files;

    public RouteFilesHealthCheck(MessageTypeFiles files) {
        super("hub", "route-files");
        this.files = files;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Map<String, String> broken = files.broken();
        builder.detail("broken.count", broken.size());
        broken.forEach((file, reason) -> builder.detail("broken." + file, reason));
        if (!broken.isEmpty()) {
            // The message is shown at every exposure level; details only with ?data=true.
            builder.message(broken.size() + " broken route file(s), not loaded: " + String.join("; ",
                    broken.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).sorted().toList()));
        }
        builder.up();
    }
}
