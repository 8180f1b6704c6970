package io.qunguan.moderation.messaging;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.EventIds;
import io.qunguan.events.EventPayload;
import io.qunguan.events.MessageKind;
import io.qunguan.events.MessagePosted;
import io.qunguan.events.Platform;
import io.qunguan.events.Topics;
import io.qunguan.events.ViolationOpened;
import io.qunguan.testkit.KafkaProbe;
import io.qunguan.testkit.KafkaSecurity;
import io.qunguan.testkit.PostgresResource;
import io.qunguan.testkit.SecuredKafkaResource;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Security finding 9: moderation-service on a broker configured as production is — TLS, SASL, the standard
 * authorizer — as its own principal with only the ACLs docs/kafka-security.md grants it: it consumes and
 * publishes (SmallRye channels, the outbox relay's publisher, the health check), and the cluster refuses it
 * anything else.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(value = SecuredKafkaResource.class,
        initArgs = @ResourceArg(name = "service", value = "moderation-service"))
class SecuredKafkaIT {

    private static final String SERVICE = "moderation-service";

    @Test
    void moderationWorksOverTlsAndSaslWithItsOwnAclsAndIsRefusedEverythingElse() throws Exception {
        String group = "generic:" + UUID.randomUUID();
        MessagePosted posted = new MessagePosted(group, Platform.GENERIC, group.substring(8), "行政部-通知群",
                "m-" + UUID.randomUUID(), "u-secured", "行政人事部-李四", MessageKind.TEXT, "周末一起去网赌吧", List.of(),
                OffsetDateTime.now());
        try (KafkaProbe probe = SecuredKafkaResource.probe()) {
            probe.publish(EventEnvelope.of(EventIds.fromPlatform("generic", posted.messageId()), "/test",
                    posted.sentAt(), posted));
            List<EventEnvelope<EventPayload>> violations = probe.eventsThrough(Topics.MODERATION_VIOLATIONS,
                    event -> event.data() instanceof ViolationOpened opened && opened.groupId().equals(group),
                    Duration.ofSeconds(30));
            assertEquals("CT-6", ((ViolationOpened) violations.getLast().data()).ruleId(),
                    "consumed and published over SASL_SSL");
        }
        given().get("/q/health/ready").then().statusCode(200);

        KafkaSecurity security = SecuredKafkaResource.broker().security();
        Map<String, String> asModeration = security.clientConfig("", SERVICE, security.password(SERVICE));
        // what group-service writes, moderation-service may not
        ExecutionException refused = assertThrows(ExecutionException.class, () -> send(asModeration,
                SecuredKafkaResource.topicPrefix() + Topics.GROUP_EVENTS));
        assertInstanceOf(TopicAuthorizationException.class, refused.getCause());
        // a wrong password is not let in at all
        Map<String, String> wrongPassword = security.clientConfig("", SERVICE, "not-the-password");
        try (Admin admin = Admin.create(properties(wrongPassword))) {
            ExecutionException unauthenticated = assertThrows(ExecutionException.class,
                    () -> admin.describeCluster().nodes().get(20, TimeUnit.SECONDS));
            assertInstanceOf(SaslAuthenticationException.class, unauthenticated.getCause());
        }
    }

    private static void send(Map<String, String> config, String topic) throws Exception {
        Properties properties = properties(config);
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 20_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "k", "forged")).get(20, TimeUnit.SECONDS);
        }
    }

    private static Properties properties(Map<String, String> config) {
        Properties properties = new Properties();
        properties.putAll(config);
        return properties;
    }
}
