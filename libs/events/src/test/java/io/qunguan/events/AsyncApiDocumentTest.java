package io.qunguan.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The AsyncAPI document must describe every registered event type on the topic it really travels on. */
class AsyncApiDocumentTest {

    private static JsonNode document() throws Exception {
        try (InputStream in = EventTypes.class.getResourceAsStream("/asyncapi.yaml")) {
            assertNotNull(in, "asyncapi.yaml is packaged with the contract");
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        }
    }

    @Test
    void everyEventTypeIsDocumentedOnItsTopic() throws Exception {
        JsonNode doc = document();
        List<String> missing = new ArrayList<>();
        for (EventTypes.Registration registration : EventTypes.all()) {
            String messageKey = registration.payloadClass().getSimpleName();
            JsonNode message = doc.path("components").path("messages").path(messageKey);
            if (!registration.type().equals(message.path("name").asText())) {
                missing.add(registration.type() + " (components.messages." + messageKey + ".name)");
                continue;
            }
            if (!channelCarries(doc, registration.topic(), messageKey)) {
                missing.add(registration.type() + " on channel " + registration.topic());
            }
        }
        assertTrue(missing.isEmpty(), "missing from asyncapi.yaml: " + missing);
    }

    @Test
    void everyDocumentedChannelIsATopicOfTheContract() throws Exception {
        document().path("channels").forEach(channel ->
                assertTrue(Topics.ALL.contains(channel.path("address").asText()),
                        "unknown topic " + channel.path("address").asText()));
    }

    @Test
    void documentedMessagesAreAllRegistered() throws Exception {
        List<String> unregistered = new ArrayList<>();
        document().path("components").path("messages").forEach(message -> {
            if (EventTypes.find(message.path("name").asText()).isEmpty()) {
                unregistered.add(message.path("name").asText());
            }
        });
        assertEquals(List.of(), unregistered);
    }

    /**
     * Each payload's documented properties are exactly its record's components, nested records and lists of them
     * included: a field added to the contract and not to the document fails here.
     */
    @Test
    void documentedPropertiesAreThePayloadsFields() throws Exception {
        JsonNode document = document();
        JsonNode messages = document.path("components").path("messages");
        List<String> differences = new ArrayList<>();
        for (EventTypes.Registration registration : EventTypes.all()) {
            String key = registration.payloadClass().getSimpleName();
            compare(document, key, registration.payloadClass(), messages.path(key).path("payload"), differences);
        }
        assertEquals(List.of(), differences);
    }

    /** A schema's properties, those of its {@code allOf} parts and of the local schemas they refer to included. */
    private static ObjectNode propertiesOf(JsonNode document, JsonNode schema) {
        ObjectNode properties = JsonNodeFactory.instance.objectNode();
        if (schema.has("$ref")) {
            String[] path = schema.get("$ref").asText().substring(2).split("/");
            JsonNode target = document;
            for (String part : path) {
                target = target.path(part);
            }
            return propertiesOf(document, target);
        }
        schema.path("allOf").forEach(part -> properties.setAll(propertiesOf(document, part)));
        if (schema.path("properties").isObject()) {
            properties.setAll((ObjectNode) schema.path("properties"));
        }
        return properties;
    }

    private static void compare(JsonNode document, String path, Class<?> record, JsonNode schema,
            List<String> differences) {
        JsonNode properties = propertiesOf(document, schema);
        Set<String> documented = new TreeSet<>();
        properties.fieldNames().forEachRemaining(documented::add);
        Set<String> fields = new TreeSet<>();
        for (RecordComponent component : record.getRecordComponents()) {
            fields.add(component.getName());
            Class<?> nested = nestedRecord(component);
            JsonNode property = properties.path(component.getName());
            if (nested != null && !property.isMissingNode()) {
                compare(document, path + "." + component.getName(), nested,
                        property.has("items") ? property.path("items") : property, differences);
            }
        }
        if (!documented.equals(fields)) {
            differences.add(path + ": documented " + documented + ", fields " + fields);
        }
    }

    /** The record a component holds, directly or as a list's elements; null for anything else. */
    private static Class<?> nestedRecord(RecordComponent component) {
        if (component.getType().isRecord()) {
            return component.getType();
        }
        if (List.class.isAssignableFrom(component.getType())
                && component.getGenericType() instanceof ParameterizedType list
                && list.getActualTypeArguments()[0] instanceof Class<?> element && element.isRecord()) {
            return element;
        }
        return null;
    }

    private static boolean channelCarries(JsonNode doc, String topic, String messageKey) {
        for (JsonNode channel : doc.path("channels")) {
            if (topic.equals(channel.path("address").asText()) && channel.path("messages").has(messageKey)) {
                return true;
            }
        }
        return false;
    }
}
