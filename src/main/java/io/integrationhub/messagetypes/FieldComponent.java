package io.integrationhub.messagetypes;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code field:<TargetField>?type=<type>&value=<template>[&required=true][&items=<type>]}: one line of a message
 * type's field map. The template and type are checked when the route is built, so a typo breaks the file, not a
 * delivery.
 */
public class FieldComponent extends DefaultComponent {

    public static final String SCHEME = "field";

    private final java.time.ZoneId zone;

    /** {@code zone}: where a template's {@code date} function reads and writes local times (hub.time-zone). */
    public FieldComponent(java.time.ZoneId zone) {
        this.zone = zone;
    }

    java.time.ZoneId zone() {
        return zone;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        FieldEndpoint endpoint = new FieldEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        // Checked before the values: a misspelled parameter must be named, not reported as a missing value.
        if (!parameters.isEmpty()) {
            throw new IllegalArgumentException("field:" + remaining + " has unknown parameter(s) "
                    + String.join(", ", parameters.keySet()) + ": a field step takes type, value, required, items "
                    + "and exclude");
        }
        endpoint.validate();
        return endpoint;
    }
}
