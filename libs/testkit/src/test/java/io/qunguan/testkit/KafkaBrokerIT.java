package io.qunguan.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qunguan.events.EventEnvelope;
import io.qunguan.events.MessageKind;
import io.qunguan.events.MessagePosted;
import io.qunguan.events.Platform;
import io.qunguan.events.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

/** The standalone KRaft broker from Maven Central jars: serves, stops, and comes back with its data. */
class KafkaBrokerIT {

    @Test
    void standaloneBrokerKeepsRecordsAcrossARestart() throws Exception {
        Path dir = Files.createTempDirectory("qunguan-kafka-it-");
        try (KafkaBroker broker = KafkaBroker.standalone(dir)) {
            broker.start();
            broker.createTopics("kit.");
            try (Admin admin = broker.admin()) {
                Set<String> names = admin.listTopics().names().get(10, TimeUnit.SECONDS);
                assertTrue(names.contains("kit.im.messages"), names.toString());
                assertTrue(names.contains("kit.moderation-service.messages.dlq"), names.toString());
            }
            MessagePosted message = new MessagePosted("generic:c1", Platform.GENERIC, "c1", "测试群", "m1", "u1", "张三",
                    MessageKind.TEXT, "收到", List.of(), OffsetDateTime.now());
            try (KafkaProbe probe = new KafkaProbe(broker.bootstrapServers(), "kit.")) {
                probe.publish(EventEnvelope.fresh("/test", message));
            }

            broker.stop();
            assertFalse(broker.running());
            broker.start();

            try (KafkaProbe probe = new KafkaProbe(broker.bootstrapServers(), "kit.")) {
                var events = probe.events(Topics.IM_MESSAGES, 1, Duration.ofSeconds(20));
                assertEquals(1, events.size());
                assertEquals(message, events.get(0).data());
            }
        }
    }
}
