package io.qunguan.k8s;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a rendered object is one its operator would accept: core, Prometheus-operator and Strimzi kinds are read
 * into their typed models (fabric8 7.5, Strimzi's api 0.51), where a wrong type fails and a field the model does not
 * know is an error; KEDA's and CloudNativePG's kinds are checked against the schemas in {@code schemas/}, written for
 * the fields these manifests use. A kind neither knows is an error too.
 */
final class ManifestValidator {

    private static final Map<String, String> TYPED = Map.ofEntries(
            Map.entry("v1/ConfigMap", "io.fabric8.kubernetes.api.model.ConfigMap"),
            Map.entry("v1/Service", "io.fabric8.kubernetes.api.model.Service"),
            Map.entry("v1/ServiceAccount", "io.fabric8.kubernetes.api.model.ServiceAccount"),
            Map.entry("apps/v1/Deployment", "io.fabric8.kubernetes.api.model.apps.Deployment"),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", "io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy"),
            Map.entry("networking.k8s.io/v1/Ingress", "io.fabric8.kubernetes.api.model.networking.v1.Ingress"),
            Map.entry("policy/v1/PodDisruptionBudget", "io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget"),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor",
                    "io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor"),
            Map.entry("monitoring.coreos.com/v1/PodMonitor", "io.fabric8.openshift.api.model.monitoring.v1.PodMonitor"),
            Map.entry("monitoring.coreos.com/v1/PrometheusRule",
                    "io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule"),
            Map.entry("kafka.strimzi.io/v1/Kafka", "io.strimzi.api.kafka.model.kafka.Kafka"),
            Map.entry("kafka.strimzi.io/v1/KafkaNodePool", "io.strimzi.api.kafka.model.nodepool.KafkaNodePool"),
            Map.entry("kafka.strimzi.io/v1/KafkaTopic", "io.strimzi.api.kafka.model.topic.KafkaTopic"),
            Map.entry("kafka.strimzi.io/v1/KafkaUser", "io.strimzi.api.kafka.model.user.KafkaUser"));

    /** A wrong scalar type is an error, not coerced: replicas "3" or partitions "twelve". */
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .build();

    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private ManifestValidator() {
    }

    /** What is wrong with {@code object}; empty when nothing is. */
    static List<String> problems(JsonNode object) {
        String type = object.path("apiVersion").asText() + "/" + object.path("kind").asText();
        String id = Rendered.id(object);
        String typedClass = TYPED.get(type);
        if (typedClass != null) {
            return typedProblems(id, object, typedClass);
        }
        Path schema = Rendered.K8S.resolve("schemas").resolve(type.replace('/', '_') + ".json");
        if (Files.isRegularFile(schema)) {
            return schema(schema).validate(object).stream().map(ValidationMessage::getMessage)
                    .map(message -> id + ": " + message).toList();
        }
        return List.of(id + ": no model and no schema for " + type);
    }

    private static List<String> typedProblems(String id, JsonNode object, String className) {
        Object typed;
        try {
            typed = STRICT.treeToValue(object, Class.forName(className));
        } catch (IOException e) {
            return List.of(id + ": " + e.getMessage().lines().findFirst().orElse(""));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("model " + className + " missing from the test classpath", e);
        }
        List<String> unknown = new ArrayList<>();
        unknownFields(typed, "", unknown);
        return unknown.stream().map(field -> id + ": unknown field " + field).toList();
    }

    /** Fields the models kept aside as "additional properties": each one a field the operator does not know. */
    private static void unknownFields(Object value, String path, List<String> unknown) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + index++ + "]", unknown);
            }
            return;
        }
        if (value instanceof Map<?, ?> entries) {
            entries.forEach((key, item) -> unknownFields(item, path + "." + key, unknown));
            return;
        }
        String packageName = value.getClass().getPackageName();
        if (!packageName.startsWith("io.fabric8") && !packageName.startsWith("io.strimzi")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !(getter.getName().startsWith("get") || getter.getName().startsWith("is"))
                    || getter.getDeclaringClass() == Object.class || getter.getReturnType().isPrimitive()
                    || getter.getReturnType().isEnum() || getter.getReturnType() == String.class
                    || getter.getReturnType() == Class.class) {
                continue;
            }
            Object property;
            try {
                property = getter.invoke(value);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties") && property instanceof Map<?, ?> additional) {
                additional.keySet().forEach(key -> unknown.add(path + "." + key));
            } else {
                unknownFields(property, path + "." + property(getter.getName()), unknown);
            }
        }
    }

    private static String property(String getter) {
        String name = getter.startsWith("is") ? getter.substring(2) : getter.substring(3);
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static JsonSchema schema(Path file) {
        return SCHEMAS.computeIfAbsent(file.toString(), path -> {
            try (InputStream in = Files.newInputStream(file)) {
                return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
