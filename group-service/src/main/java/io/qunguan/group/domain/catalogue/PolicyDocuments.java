package io.qunguan.group.domain.catalogue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qunguan.events.EventJson;
import io.qunguan.group.domain.Refusal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

    /**
     * A type's policy with a group's overrides (GL-7): each override replaces one whole part of the policy, and only
     * a part the type lists in {@code overridable}. @throws Refusal INVALID naming every part not overridable, or the
     * problems of the policy the overrides would make
     */
    public static GroupPolicy overridden(GroupPolicy policy, Map<String, Object> overrides) {
        List<String> refused = overrides.keySet().stream().filter(part -> !policy.overridable().contains(part))
                .sorted().map(part -> part + " may not be overridden by a group of this type; it may override "
                        + policy.overridable())
                .toList();
        if (!refused.isEmpty()) {
            throw new Refusal(Refusal.Kind.INVALID, refused);
        }
        ObjectNode document = (ObjectNode) tree(policy);
        overrides.forEach((part, value) -> document.set(part, STRICT.valueToTree(value)));
        return read(document);
    }

    /**
     * A group's stored overrides applied to its type's current policy. Parts the type no longer lets groups override
     * are left out, and overrides the current policy no longer accepts are dropped whole: the type's policy, approved
     * by two people (SV-9), always wins over a group's older choice.
     */
    public static GroupPolicy withStoredOverrides(GroupPolicy policy, Map<String, Object> overrides) {
        Map<String, Object> allowed = new TreeMap<>(overrides);
        allowed.keySet().retainAll(policy.overridable());
        if (allowed.isEmpty()) {
            return policy;
        }
        try {
            return overridden(policy, allowed);
        } catch (Refusal stale) {
            return policy;
        }
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
