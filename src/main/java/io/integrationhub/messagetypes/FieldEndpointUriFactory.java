package io.integrationhub.messagetypes;

import java.net.URISyntaxException;
import java.util.Map;
import java.util.Set;

import org.apache.camel.support.component.EndpointUriFactorySupport;

/**
 * How Camel's YAML DSL writes a field step's {@code parameters:} into its endpoint URI. Without a factory it joins
 * them unencoded, so a template's {@code &} split it, {@code +} became a space and {@code %20} was decoded; the DSL
 * wraps a factory's "secret" parameters in {@code RAW(…)}, which keeps a value exactly as written, so {@code value}
 * is named one (it is not a secret). Found by Camel under META-INF/services/org/apache/camel/urifactory/field-endpoint.
 */
public final class FieldEndpointUriFactory extends EndpointUriFactorySupport {

    private static final Set<String> PROPERTIES = Set.of("type", "value", "required", "items", "exclude");

    @Override
    public boolean isEnabled(String scheme) {
        return FieldComponent.SCHEME.equals(scheme);
    }

    @Override
    public String buildUri(String scheme, Map<String, Object> properties, boolean encode) throws URISyntaxException {
        Map<String, Object> copy = new java.util.HashMap<>(properties);
        Object field = copy.remove("field");
        return buildQueryParameters(scheme + ":" + (field == null ? "" : field), copy, encode);
    }

    @Override
    public Set<String> propertyNames() {
        return PROPERTIES;
    }

    @Override
    public Set<String> secretPropertyNames() {
        return Set.of("value");
    }

    @Override
    public Map<String, String> multiValuePrefixes() {
        return Map.of();
    }

    @Override
    public boolean isLenientProperties() {
        return false;
    }
}
