package io.qunguan.group.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.qunguan.testkit.KafkaResource;
import io.qunguan.testkit.PostgresResource;
import io.qunguan.testkit.Tokens;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/** Operators see which event types arrive unmapped, counted; nobody else, and never the bodies. */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(KafkaResource.class)
class WebhookDeliveryResourceIT {

    private static final Tokens TOKENS = Tokens.forTests();

    @Test
    void unrecognisedTypesAreCountedForOperatorsOnly() {
        String type = "custom_" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            SlackWebhookIT.post(SlackWebhookIT.callback("EvU" + UUID.randomUUID(),
                    "{\"type\":\"" + type + "\",\"user\":\"U0ZHANG\",\"secret\":\"13800138000\"}")).then().statusCode(200);
        }

        JsonPath answer = given().auth().oauth2(TOKENS.issue("operator", "ops-1", null)).queryParam("platform", "slack")
                .get("/api/webhook-deliveries/unrecognised").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> rows = answer.getList("$");
        Map<String, Object> row = rows.stream().filter(r -> type.equals(r.get("type"))).findFirst().orElseThrow();
        assertEquals("slack", row.get("platform"));
        assertEquals(3, ((Number) row.get("count")).intValue());
        assertTrue(rows.stream().allMatch(r -> "slack".equals(r.get("platform"))), "filtered by platform");
        assertTrue(!answer.prettify().contains("13800138000"), "bodies are not exposed");

        given().auth().oauth2(TOKENS.issue("operator", "ops-1", null)).queryParam("since", "2999-01-01T00:00:00+08:00")
                .get("/api/webhook-deliveries/unrecognised").then().statusCode(200).body("size()", Matchers.is(0));
        given().auth().oauth2(TOKENS.issue("operator", "ops-1", null)).queryParam("since", "yesterday")
                .get("/api/webhook-deliveries/unrecognised").then().statusCode(400);
        given().auth().oauth2(TOKENS.issue("hr", "hr-1", "人力资源部")).get("/api/webhook-deliveries/unrecognised")
                .then().statusCode(403);
        given().get("/api/webhook-deliveries/unrecognised").then().statusCode(401);
        given().auth().oauth2("not-a-jwt").get("/api/webhook-deliveries/unrecognised").then().statusCode(401);
    }

    @Test
    void is2AuditorsReadUnrecognisedBodiesOneTypeAtATimeAndEveryReadIsAudited() {
        String type = "custom_" + UUID.randomUUID().toString().substring(0, 8);
        SlackWebhookIT.post(SlackWebhookIT.callback("EvU" + UUID.randomUUID(),
                "{\"type\":\"" + type + "\",\"user\":\"U0ZHANG\",\"note\":\"季度目标\"}")).then().statusCode(200);

        String auditor = TOKENS.issue("auditor", "aud-7", null);
        JsonPath bodies = given().auth().oauth2(auditor).queryParam("platform", "slack").queryParam("type", type)
                .get("/api/webhook-deliveries/unrecognised/bodies").then().statusCode(200).extract().jsonPath();
        assertEquals(1, bodies.getList("$").size());
        assertTrue(bodies.getString("[0].raw").contains("季度目标"), bodies.prettify());
        assertEquals(type, bodies.getString("[0].type"));

        given().auth().oauth2(TOKENS.issue("hr", "hr-1", "人力资源部")).queryParam("objectType", "webhook-delivery-type")
                .queryParam("objectId", "slack:" + type).get("/api/audit-log").then().statusCode(200)
                .body("size()", Matchers.is(1)).body("[0].actor", Matchers.is("aud-7"))
                .body("[0].action", Matchers.is("webhook-delivery.read-raw"));

        given().auth().oauth2(auditor).queryParam("platform", "slack").get("/api/webhook-deliveries/unrecognised/bodies")
                .then().statusCode(400);
        given().auth().oauth2(auditor).queryParam("platform", "slack").queryParam("type", type).queryParam("limit", 500)
                .get("/api/webhook-deliveries/unrecognised/bodies").then().statusCode(400);
        given().auth().oauth2(TOKENS.issue("operator", "ops-1", null)).queryParam("platform", "slack")
                .queryParam("type", type).get("/api/webhook-deliveries/unrecognised/bodies").then().statusCode(403);
        given().queryParam("platform", "slack").queryParam("type", type)
                .get("/api/webhook-deliveries/unrecognised/bodies").then().statusCode(401);
    }
}
