package io.qunguan.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventJsonTest {

    private static final OffsetDateTime SENT_AT = OffsetDateTime.parse("2026-11-20T09:30:00+08:00");

    private static MessagePosted message(String text) {
        return new MessagePosted("generic:chat-1", Platform.GENERIC, "chat-1", "市场部-新品推广组", "m-1", "u-1",
                "市场部-张三", MessageKind.TEXT, text, List.of("u-2"), SENT_AT);
    }

    @Test
    void roundTripsAsCloudEventsStructuredJson() {
        EventEnvelope<MessagePosted> envelope = EventEnvelope.of(EventIds.fromPlatform("generic", "m-1"),
                "/group-service/webhooks/generic", SENT_AT, message("收到，马上执行 😀"));

        byte[] json = EventJson.write(envelope);
        String text = new String(json, StandardCharsets.UTF_8);
        assertTrue(text.contains("\"specversion\":\"1.0\""), text);
        assertTrue(text.contains("\"type\":\"qunguan.im.MessagePosted\""), text);
        assertTrue(text.contains("\"subject\":\"generic:chat-1\""), text);

        EventEnvelope<EventPayload> read = EventJson.read(json);
        assertEquals(envelope, read);
    }

    @Test
    void aPlatformTravelsAsItsIdAndAnUnknownOneIsRefused() {
        String text = new String(EventJson.write(EventEnvelope.of(UUID.randomUUID(), "/x", SENT_AT, message("hi"))),
                StandardCharsets.UTF_8);
        assertTrue(text.contains("\"platform\":\"generic\""), text);

        String wechat = text.replace("\"platform\":\"generic\"", "\"platform\":\"wechat\"");
        EventJson.MalformedEventException refused = assertThrows(EventJson.MalformedEventException.class,
                () -> EventJson.read(wechat.getBytes(StandardCharsets.UTF_8)));
        assertTrue(refused.getMessage().contains("wechat"), refused.getMessage());
        assertEquals(Platform.WECOM, Platform.of("WeCom"));
        assertThrows(IllegalArgumentException.class, () -> Platform.of("wechat"));
    }

    @Test
    void platformIdsAreDeterministicAndNamespacedByPlatform() {
        UUID first = EventIds.fromPlatform("wecom", "123");
        assertEquals(first, EventIds.fromPlatform("wecom", "123"));
        assertNotEquals(first, EventIds.fromPlatform("slack", "123"));
        assertEquals(5, first.version());
        assertEquals(2, first.variant());
    }

    @Test
    void nameBasedIdsMatchTheRfcExample() {
        // RFC 9562 appendix A.4: UUIDv5 of "www.example.com" in the DNS namespace.
        UUID dns = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
        assertEquals(UUID.fromString("2ed6657d-e927-568b-95e1-2665a8aea6a2"),
                EventIds.nameBased(dns, "www.example.com"));
    }

    @Test
    void unknownTypesAreToldApartFromMalformedEvents() {
        String unknown = """
                {"specversion":"1.0","id":"%s","type":"qunguan.future.Thing","source":"/x","subject":"g",
                 "time":"2026-11-20T09:30:00Z","data":{}}""".formatted(UUID.randomUUID());
        EventJson.UnknownEventTypeException e = assertThrows(EventJson.UnknownEventTypeException.class,
                () -> EventJson.read(unknown.getBytes(StandardCharsets.UTF_8)));
        assertEquals("qunguan.future.Thing", e.type());

        assertThrows(EventJson.MalformedEventException.class,
                () -> EventJson.read("{not json".getBytes(StandardCharsets.UTF_8)));
        assertThrows(EventJson.MalformedEventException.class,
                () -> EventJson.read("[1,2]".getBytes(StandardCharsets.UTF_8)));
        String missingId = """
                {"type":"qunguan.im.MessagePosted","source":"/x","subject":"g","time":"2026-11-20T09:30:00Z",
                 "data":{"groupId":"g","messageId":"m","kind":"TEXT"}}""";
        assertThrows(EventJson.MalformedEventException.class,
                () -> EventJson.read(missingId.getBytes(StandardCharsets.UTF_8)));
        String badPayload = """
                {"id":"%s","type":"qunguan.im.MessagePosted","source":"/x","subject":"g",
                 "time":"2026-11-20T09:30:00Z","data":{"groupId":"g"}}""".formatted(UUID.randomUUID());
        assertThrows(EventJson.MalformedEventException.class,
                () -> EventJson.read(badPayload.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void eachPayloadIsRoutedToItsTopic() {
        assertEquals(Topics.IM_MESSAGES, EventTypes.topicOf(message("hi")));
        assertEquals(Topics.MODERATION_VIOLATIONS, EventTypes.topicOf(new ViolationOpened(UUID.randomUUID(),
                "CT-4", "personal-data", Severity.HIGH, "g", Platform.GENERIC, "c", "u", null, "n", "m", "1101**",
                List.of(), ViolationOpened.AppliedPolicy.COMPANY_DEFAULT, 1, Sanction.of(Sanction.Kind.REMINDER),
                SENT_AT)));
        assertEquals("moderation-service.messages.dlq", Topics.deadLetter("moderation-service", "messages"));
    }
}
