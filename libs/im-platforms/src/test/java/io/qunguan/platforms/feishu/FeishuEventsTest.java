package io.qunguan.platforms.feishu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qunguan.events.MessagePosted;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * During an Encrypt Key rotation every event decrypts with the key that signed it. Trying the current key first made
 * about one event in 256 decrypt to garbage (a wrong key passes the padding check by chance) and be refused.
 */
class FeishuEventsTest {

    private static final String CURRENT = "feishu-encrypt-key";
    private static final String PREVIOUS = "feishu-encrypt-key-old";

    private final FeishuEvents events = new FeishuEvents(Map.of("default", new FeishuApp("token", Optional.empty(),
            Optional.of(CURRENT), Optional.of(PREVIOUS), Optional.of("cli_1"), Duration.ofMinutes(5), false)),
            Clock.systemUTC());

    @Test
    void everyEventSignedWithThePreviousKeyDecryptsDuringARotation() {
        int accepted = 0;
        for (int i = 0; i < 2_000; i++) {
            String plaintext = """
                    {"schema":"2.0","header":{"event_id":"e%1$d","event_type":"im.message.receive_v1",
                     "create_time":"1763600000000","token":"token","app_id":"cli_1"},"event":{"sender":{"sender_id":
                     {"user_id":"u1"}},"message":{"message_id":"om_%1$d","chat_id":"oc_1","create_time":"1763600000000",
                     "chat_type":"group","message_type":"text","content":"{\\"text\\":\\"hi\\"}"}}}""".formatted(i);
            String key = i % 2 == 0 ? PREVIOUS : CURRENT;
            byte[] body = ("{\"encrypt\":\"" + FeishuEvents.encrypt(plaintext, key) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            String timestamp = Long.toString(System.currentTimeMillis() / 1000);
            FeishuEvents.Received received = events.receive("default", timestamp, "n" + i,
                    FeishuEvents.sign(timestamp, "n" + i, key, body), body);
            if (received.delivery().events().get(0).data() instanceof MessagePosted posted
                    && posted.messageId().equals("om_" + i)) {
                accepted++;
            }
        }
        assertEquals(2_000, accepted);
    }

    /** BH-4: an audio message's length (milliseconds in its content) travels as whole seconds, rounded up. */
    @Test
    void anAudioMessageSaysHowLongItIs() {
        String plaintext = """
                {"schema":"2.0","header":{"event_id":"e-audio","event_type":"im.message.receive_v1",
                 "create_time":"1763600000000","token":"token","app_id":"cli_1"},"event":{"sender":{"sender_id":
                 {"user_id":"u1"}},"message":{"message_id":"om_audio","chat_id":"oc_1","create_time":"1763600000000",
                 "chat_type":"group","message_type":"audio","content":"{\\"file_key\\":\\"f1\\",\\"duration\\":61200}"}}}""";
        byte[] body = ("{\"encrypt\":\"" + FeishuEvents.encrypt(plaintext, CURRENT) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        MessagePosted posted = (MessagePosted) events.receive("default", timestamp, "n", FeishuEvents.sign(timestamp,
                "n", CURRENT, body), body).delivery().events().get(0).data();
        assertEquals(62, posted.voiceSeconds());
    }
}
