package io.integrationhub.messagetypes;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationhub.message.Envelope;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;

/** Sets one target field from the envelope: evaluates the value, converts it to the field's type. */
public class FieldEndpoint extends DefaultEndpoint {

    private final String field;
    private String type = "string";
    private String value;
    private boolean required;
    private String items;
    private String exclude;

    private FieldType fieldType;
    private FieldType itemType;
    private ValueTemplate template;

    FieldEndpoint(String uri, FieldComponent component, String field) {
        super(uri, component);
        this.field = field;
    }

    void validate() {
        if (field == null || field.isBlank()) {
            throw new IllegalArgumentException("A field endpoint names its target field: field:<name>?value=…");
        }
        if (value == null) {
            throw new IllegalArgumentException("field:" + field + " needs a value (e.g. value={payload." + field
                    + "})");
        }
        fieldType = FieldType.of(type);
        itemType = items == null ? null : FieldType.of(items);
        if (itemType != null && fieldType != FieldType.LIST && fieldType != FieldType.OBJECT) {
            throw new IllegalArgumentException("field:" + field + " has items= but is not of type list or object");
        }
        if (exclude != null && fieldType != FieldType.OBJECT) {
            throw new IllegalArgumentException("field:" + field + " has exclude= but is not of type object");
        }
        template = ValueTemplate.parse(value, ((FieldComponent) getComponent()).zone());
    }

    public void setType(String type) {
        this.type = type;
    }

    public void setValue(String value) {
        this.value = value;
    }

    public void setRequired(boolean required) {
        this.required = required;
    }

    public void setItems(String items) {
        this.items = items;
    }

    /** For an object: members to leave out, comma separated. */
    public void setExclude(String exclude) {
        this.exclude = exclude;
    }

    public String getExclude() {
        return exclude;
    }

    public String getType() {
        return type;
    }

    public String getValue() {
        return value;
    }

    public boolean isRequired() {
        return required;
    }

    public String getItems() {
        return items;
    }

    @Override
    public Producer createProducer() {
        return new DefaultProducer(this) {
            @Override
            public void process(Exchange exchange) {
                apply(exchange);
            }
        };
    }

    void apply(Exchange exchange) {
        Envelope envelope = exchange.getVariable(FieldMapper.ENVELOPE, Envelope.class);
        @SuppressWarnings("unchecked")
        Map<String, JsonNode> fields = exchange.getVariable(FieldMapper.FIELDS, Map.class);
        long receivedAt = exchange.getVariable(FieldMapper.RECEIVED_AT, Long.class);
        JsonNode converted = fieldType.convert(field, template.evaluate(field, envelope, receivedAt));
        if (converted != null && exclude != null) {
            converted = converted.deepCopy();
            for (String member : exclude.split(",")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) converted).remove(member.trim());
            }
            if (converted.isEmpty()) {
                converted = null; // nothing left is no value: left out, not sent as {}
            }
        }
        if (converted != null && itemType != null) {
            converted = itemType.convertEach(field, converted);
        }
        if (converted == null) {
            if (required) {
                throw new MappingException(field, "is required, but " + value + " has no value");
            }
            fields.remove(field);
            return;
        }
        fields.put(field, converted);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new IllegalStateException("field: endpoints are steps of a route, not its start");
    }
}
