package io.qunguan.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
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

    private static boolean channelCarries(JsonNode doc, String topic, String messageKey) {
        for (JsonNode channel : doc.path("channels")) {
            if (topic.equals(channel.path("address").asText()) && channel.path("messages").has(messageKey)) {
                return true;
            }
        }
        return false;
    }
}
