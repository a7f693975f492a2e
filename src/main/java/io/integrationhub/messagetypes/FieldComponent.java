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

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        FieldEndpoint endpoint = new FieldEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        endpoint.validate();
        return endpoint;
    }
}
