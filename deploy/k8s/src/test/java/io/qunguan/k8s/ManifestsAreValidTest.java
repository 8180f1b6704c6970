package io.qunguan.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Both overlays render, and every object they render is one its operator would accept (ManifestValidator). */
class ManifestsAreValidTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void everyRenderedObjectValidatesAgainstItsKindsModelOrSchema(String overlay) {
        Rendered rendered = Rendered.overlay(overlay);
        assertTrue(rendered.objects.size() > 50, overlay + " rendered only " + rendered.objects.size() + " objects");
        List<String> problems = rendered.objects.stream().flatMap(object -> ManifestValidator.problems(object).stream())
                .toList();
        assertEquals(List.of(), problems, overlay);
    }

    // The validator itself: each kind of mistake it is there to catch, caught.

    @Test
    void aMisspelledFieldInACoreObjectIsAnUnknownField() {
        ObjectNode deployment = copyOf("Deployment", "group-service");
        ((ObjectNode) deployment.path("spec")).put("replica", 3);
        assertProblem(deployment, "unknown field .spec.replica");
    }

    @Test
    void aMisspelledFieldDeepInAPodTemplateIsAnUnknownField() {
        ObjectNode deployment = copyOf("Deployment", "moderation-service");
        ((ObjectNode) deployment.path("spec").path("template").path("spec").path("containers").path(0)
                .path("readinessProbe")).put("periodSecond", 10);
        assertProblem(deployment, "periodSecond");
    }

    @Test
    void aStringWhereAStrimziModelWantsANumberIsAnError() {
        ObjectNode topic = copyOf("KafkaTopic", "im.messages");
        ((ObjectNode) topic.path("spec")).put("partitions", "twelve");
        assertProblem(topic, "KafkaTopic im.messages");
    }

    @Test
    void anUnknownFieldInAStrimziObjectIsAnError() {
        ObjectNode user = copyOf("KafkaUser", "moderation-service");
        ObjectNode rule = (ObjectNode) user.path("spec").path("authorization").path("acls").path(0);
        rule.set("operatons", rule.remove("operations"));
        assertProblem(user, "unknown field .spec.authorization.acls[0].operatons");
    }

    @Test
    void aScaledObjectWithoutItsTargetFailsTheKedaSchema() {
        ObjectNode scaled = copyOf("ScaledObject", "moderation-service");
        ((ObjectNode) scaled.path("spec")).remove("scaleTargetRef");
        assertProblem(scaled, "scaleTargetRef");
    }

    @Test
    void aCloudNativePgClusterWithAFieldItDoesNotHaveFailsItsSchema() {
        ObjectNode cluster = copyOf("Cluster", "qunguan-db");
        ((ObjectNode) cluster.path("spec")).put("replicas", 3);
        assertProblem(cluster, "replicas");
    }

    @Test
    void aKindNeitherAModelNorASchemaKnowsIsAnError() {
        ObjectNode unknown = copyOf("Deployment", "group-service");
        unknown.put("apiVersion", "example.com/v1");
        assertProblem(unknown, "no model and no schema for example.com/v1/Deployment");
    }

    private static ObjectNode copyOf(String kind, String name) {
        ObjectNode copy = Rendered.overlay("production").one(kind, name).deepCopy();
        assertEquals(List.of(), ManifestValidator.problems(copy), "the rendered " + kind + " " + name);
        return copy;
    }

    private static void assertProblem(ObjectNode object, String expected) {
        List<String> problems = ManifestValidator.problems(object);
        assertFalse(problems.isEmpty(), "no problem found in " + Rendered.id(object));
        assertTrue(problems.stream().anyMatch(problem -> problem.contains(expected)),
                "expected a problem naming \"" + expected + "\", got " + problems);
    }
}
