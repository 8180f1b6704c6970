package io.qunguan.platforms;

import com.fasterxml.jackson.databind.JsonNode;
import io.qunguan.events.EventJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Reading platform JSON bodies: anything but a JSON object (including a body nested too deep) is a 400. */
public final class PlatformJson {

    private PlatformJson() {
    }

    /** @throws WebhookRejectedException 400 when the body is not one JSON object */
    public static JsonNode object(byte[] body) {
        JsonNode root;
        try {
            // Jackson's stream constraints bound nesting depth and number and string lengths
            root = EventJson.MAPPER.readTree(body);
        } catch (IOException e) {
            throw WebhookRejectedException.badRequest("body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw WebhookRejectedException.badRequest("body must be a JSON object");
        }
        return root;
    }

    /** @throws WebhookRejectedException 400 when the text is not one JSON object */
    public static JsonNode object(String text) {
        return object(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A required text field at {@code pointer} (e.g. {@code /event/channel}). */
    public static String required(JsonNode root, String pointer) {
        JsonNode value = root.at(pointer);
        if (value.isNumber() || value.isTextual() && !value.asText().isBlank()) {
            return value.asText();
        }
        throw WebhookRejectedException.badRequest("missing field: " + pointer.substring(1).replace('/', '.'));
    }

    /** An optional text (or number) field at {@code pointer}, or null. */
    public static String optional(JsonNode root, String pointer) {
        JsonNode value = root.at(pointer);
        return value.isTextual() && !value.asText().isEmpty() || value.isNumber() ? value.asText() : null;
    }
}
