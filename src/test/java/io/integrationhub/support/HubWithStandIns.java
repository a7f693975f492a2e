package io.integrationhub.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One hub for a test class, on a store of its own, against the targets' stand-in: register it as a static field with
 * {@code @RegisterExtension}. {@link #with} adds settings before it starts; {@link #stubs} sets up the stand-in.
 */
public final class HubWithStandIns implements BeforeAllCallback, AfterAllCallback {

    private final Map<String, String> extra = new HashMap<>();
    private Consumer<TargetStandIn> stubs = targets -> { };
    private TargetStandIn targets;
    private RunningHub hub;
    private Path data;

    public HubWithStandIns with(String setting, String value) {
        extra.put(setting, value);
        return this;
    }

    public HubWithStandIns stubs(Consumer<TargetStandIn> stubs) {
        this.stubs = stubs;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        data = Files.createTempDirectory("hub-data");
        targets = new TargetStandIn();
        stubs.accept(targets);
        Map<String, String> settings = RunningHub.settings(data, targets.baseUrl());
        settings.putAll(extra);
        hub = RunningHub.start(settings);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        hub.close();
        targets.close();
        TempFolders.delete(data);
    }

    public RunningHub hub() {
        return hub;
    }

    public TargetStandIn targets() {
        return targets;
    }
}
