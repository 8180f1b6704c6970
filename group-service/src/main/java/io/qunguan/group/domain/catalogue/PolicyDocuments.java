package io.qunguan.group.domain.catalogue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.qunguan.events.EventJson;
import io.qunguan.group.domain.Refusal;
import java.util.List;

/**
 * Policy documents as JSON. Reading is strict: an unknown or misspelt key is refused rather than silently
 * ignored, since an ignored key is a rule nobody enforces.
 */
public final class PolicyDocuments {

    static final ObjectMapper STRICT = EventJson.MAPPER.copy()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private PolicyDocuments() {
    }

    /** Reads and checks a document. @throws Refusal INVALID with every problem found */
    public static GroupPolicy read(JsonNode document) {
        if (document == null || !document.isObject()) {
            throw Refusal.invalid("policy must be a JSON object");
        }
        GroupPolicy policy;
        try {
            policy = STRICT.treeToValue(document, GroupPolicy.class);
        } catch (UnrecognizedPropertyException e) {
            throw Refusal.invalid("policy: unknown key " + e.getPropertyName() + " at " + path(e));
        } catch (JsonProcessingException e) {
            throw Refusal.invalid("policy: " + e.getOriginalMessage() + " at " + path(e));
        }
        List<String> problems = policy.problems();
        if (!problems.isEmpty()) {
            throw new Refusal(Refusal.Kind.INVALID, problems);
        }
        return policy;
    }

    static GroupPolicy read(String json) {
        return read(parse(json));
    }

    /** The tree of a stored document, which was checked when it was written. */
    static JsonNode parse(String json) {
        try {
            return STRICT.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored policy document is not JSON", e);
        }
    }

    public static String write(GroupPolicy policy) {
        try {
            return STRICT.writeValueAsString(policy);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("policy not serialisable", e);
        }
    }

    public static JsonNode tree(GroupPolicy policy) {
        return STRICT.valueToTree(policy);
    }

    private static String path(JsonProcessingException e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping) {
            StringBuilder path = new StringBuilder("$");
            mapping.getPath().forEach(reference -> {
                if (reference.getFieldName() != null) {
                    path.append('.').append(reference.getFieldName());
                } else {
                    path.append('[').append(reference.getIndex()).append(']');
                }
            });
            return path.toString();
        }
        return "$";
    }
}
