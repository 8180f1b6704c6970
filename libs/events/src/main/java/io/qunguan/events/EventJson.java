package io.qunguan.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The JSON form of events: CloudEvents 1.0 structured mode ({@code specversion}, {@code id}, {@code type},
 * {@code source}, {@code subject}, {@code time}, {@code datacontenttype}, {@code data}).
 */
public final class EventJson {

    /** The mapper every service uses for event payloads: ISO-8601 times, unknown properties tolerated. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private EventJson() {
    }

    public static byte[] write(EventEnvelope<?> envelope) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("specversion", "1.0");
        node.put("id", envelope.id().toString());
        node.put("type", envelope.type());
        node.put("source", envelope.source());
        node.put("subject", envelope.subject());
        node.put("time", envelope.time().toString());
        node.put("datacontenttype", "application/json");
        node.set("data", MAPPER.valueToTree(envelope.data()));
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event not serialisable: " + envelope.type(), e);
        }
    }

    /**
     * Reads an event.
     *
     * @throws UnknownEventTypeException when the type is well formed but not known to this contract version
     * @throws MalformedEventException   when the bytes are not a valid event
     */
    public static EventEnvelope<EventPayload> read(byte[] json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new MalformedEventException("not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new MalformedEventException("not a JSON object");
        }
        String type = requiredText(node, "type");
        EventTypes.Registration registration = EventTypes.find(type)
                .orElseThrow(() -> new UnknownEventTypeException(type));
        try {
            EventPayload data = MAPPER.treeToValue(required(node, "data"), registration.payloadClass());
            return new EventEnvelope<>(UUID.fromString(requiredText(node, "id")), type,
                    requiredText(node, "source"), requiredText(node, "subject"),
                    OffsetDateTime.parse(requiredText(node, "time")), data);
        } catch (IOException | RuntimeException e) {
            if (e instanceof MalformedEventException malformed) {
                throw malformed;
            }
            throw new MalformedEventException("invalid " + type + ": " + e.getMessage());
        }
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new MalformedEventException("missing " + field);
        }
        return value;
    }

    private static String requiredText(JsonNode node, String field) {
        JsonNode value = required(node, field);
        if (!value.isTextual()) {
            throw new MalformedEventException(field + " is not a string");
        }
        return value.asText();
    }

    /** The bytes are not a valid event of the contract. */
    public static final class MalformedEventException extends RuntimeException {
        public MalformedEventException(String message) {
            super(message);
        }
    }

    /** A well-formed event of a type this contract version does not know; consumers skip it. */
    public static final class UnknownEventTypeException extends RuntimeException {
        private final String type;

        public UnknownEventTypeException(String type) {
            super("unknown event type " + type);
            this.type = type;
        }

        public String type() {
            return type;
        }
    }
}
