package io.qunguan.reporting.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.qunguan.events.DeadlineKind;
import io.qunguan.events.DepartmentChanged;
import io.qunguan.events.EmployeeChanged;
import io.qunguan.events.EventEnvelope;
import io.qunguan.events.EventJson;
import io.qunguan.events.GroupSnapshot;
import io.qunguan.events.MessageKind;
import io.qunguan.events.MessagePosted;
import io.qunguan.events.PersonnelChanged;
import io.qunguan.events.Platform;
import io.qunguan.events.ResponseMeasured;
import io.qunguan.events.Severity;
import io.qunguan.events.ViolationOpened;
import io.qunguan.testkit.KafkaProbe;
import io.qunguan.testkit.KafkaResource;
import io.qunguan.testkit.DevIdentityProviderResource;
import io.qunguan.testkit.PostgresResource;
import io.qunguan.testkit.Tokens;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Customer files (MK-3) from the archive and the read models on a real broker and database: the external contacts of
 * a customer group, each one's interactions, the staff's replies to them (BH-9) and the marketing they received,
 * approved or not (MK-1), their messages found by the group's chat even when filed before the chat was registered;
 * message text for auditors only, their read logged; a department head sees their
 * department's customers only.
 */
@QuarkusTest
@WithTestResource(PostgresResource.class)
@WithTestResource(DevIdentityProviderResource.class)
@WithTestResource(KafkaResource.class)
class CustomerFileIT {

    private static final Tokens TOKENS = Tokens.forTests();
    private static final OffsetDateTime NOW = OffsetDateTime.now(ZoneOffset.UTC);

    private static EventEnvelope<MessagePosted> message(String chat, String sender, String name, String text,
            OffsetDateTime at) {
        return EventEnvelope.of(UUID.randomUUID(), "/group-service", at, new MessagePosted("generic:" + chat, Platform.GENERIC,
                chat, "客户群", "m-" + UUID.randomUUID(), sender, name, MessageKind.TEXT, text, List.of(), at));
    }

    private static ResponseMeasured reply(String group, String chat, String customer, String staff, Long seconds) {
        boolean met = seconds != null && seconds <= 900;
        return new ResponseMeasured(UUID.randomUUID(), group, Platform.GENERIC, chat, "m-" + UUID.randomUUID(),
                "generic:" + customer, null, "generic:u-" + staff, staff, NOW.minusHours(5), NOW.minusHours(5),
                NOW.minusHours(5).plusMinutes(15), seconds == null ? null : NOW.minusHours(5).plusSeconds(seconds),
                seconds, met, met ? null : UUID.randomUUID(), DeadlineKind.CUSTOMER_REPLY, "D-sales");
    }

    @Test
    void mk3EachCustomersInteractionsRepliesAndMarketingWithTextForAuditorsOnly() throws Exception {
        String s = UUID.randomUUID().toString().substring(0, 8);
        String group = "G-cust-" + s;
        String chat = "chat-cust-" + s;
        String sales = "D-sales-" + s;
        String staff = "E-sales-" + s;
        String partner = "E-partner-" + s;
        String customer = "u-cust-" + s;
        EventEnvelope<MessagePosted> unapproved = message(chat, "u-" + staff, "销售部-小王", "限时秒杀，错过再等一年", NOW
                .minusHours(3));
        try (KafkaProbe probe = KafkaResource.probe()) {
            probe.publish(EventEnvelope.fresh("/group-service", new DepartmentChanged(sales, "销售部", null, null, true,
                    NOW.minusYears(1))));
            probe.publish(EventEnvelope.fresh("/group-service", new GroupSnapshot(group, "客户-华东" + s, "customer",
                    "ACTIVE", sales, null, staff, List.of(), List.of("generic:" + chat), 1,
                    EventJson.MAPPER.readTree("{\"moderation\": {\"marketing\": {\"markers\": [\"限时\"]}}}"),
                    List.of(), List.of(), NOW, 1, null)));
            probe.publish(EventEnvelope.fresh("/group-service", new EmployeeChanged(staff,
                    PersonnelChanged.Change.HIRED, "小王", sales, null, "销售", "P4", null, false, true,
                    Map.of("generic", "u-" + staff), null, null, NOW.minusYears(1))));
            probe.publish(EventEnvelope.fresh("/group-service", new EmployeeChanged(partner,
                    PersonnelChanged.Change.HIRED, "渠道伙伴", sales, null, null, null, null, true, true,
                    Map.of("generic", "u-" + partner), null, null, NOW.minusYears(1))));
            probe.publish(message(chat, customer, "李先生", "你好，上次的订单什么时候发货？", NOW.minusHours(5)));
            probe.publish(message(chat, "u-" + staff, "销售部-小王", "好的，我查一下", NOW.minusHours(5).plusMinutes(5)));
            probe.publish(message(chat, "u-" + staff, "销售部-小王", "限时优惠：本周下单享九折", NOW.minusHours(4)));
            probe.publish(unapproved);
            probe.publish(message(chat, customer, "李先生", "九折可以，帮我下单", NOW.minusHours(2)));
            probe.publish(message(chat, "u-" + partner, "渠道伙伴", "我们也想参加", NOW.minusHours(1)));
            probe.publish(EventEnvelope.fresh("/moderation-service", new ViolationOpened(UUID.randomUUID(), "MK-1",
                    "unapproved-marketing", Severity.MEDIUM, group, Platform.GENERIC, chat, "generic:u-" + staff,
                    staff, "销售部-小王", unapproved.data().messageId(), "限时秒杀***", List.of(),
                    ViolationOpened.AppliedPolicy.COMPANY_DEFAULT, 1, null, NOW.minusHours(3))));
            probe.publish(EventEnvelope.fresh("/moderation-service", reply(group, chat, customer, staff, 300L)));
            probe.publish(EventEnvelope.fresh("/moderation-service", reply(group, chat, customer, staff, null)));
        }
        String hr = TOKENS.issue("hr", "hr-" + s, null);
        String auditor = TOKENS.issue("auditor", "A-cust-" + s, null);
        String file = "/api/customers/generic:" + customer;
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(hr).get(file)
                .then().statusCode(200).body("customer.messages", equalTo(2)).body("replies", hasSize(2))
                .body("marketing", hasSize(2)));

        // the customers of the group: the contact the directory does not know, and its external partner; no staff
        given().auth().oauth2(hr).queryParam("groupId", group).get("/api/customers").then().statusCode(200)
                .body("customerId", containsInAnyOrder("generic:" + customer, "generic:u-" + partner))
                .body("find { it.customerId == 'generic:" + customer + "' }.name", equalTo("李先生"));
        // HR: interactions, replies and marketing, no message text
        given().auth().oauth2(hr).get(file).then().statusCode(200)
                .body("groups[0].groupId", equalTo(group)).body("groups[0].name", equalTo("客户-华东" + s))
                .body("repliesMet", equalTo(1)).body("repliesMissed", equalTo(1))
                .body("medianReplySeconds", equalTo(300.0f))
                .body("replies.staffEmployeeId", everyItem(equalTo(staff)))
                .body("marketing.approved", containsInAnyOrder(true, false))
                .body("marketing.senderEmployeeId", everyItem(equalTo(staff)))
                .body("marketing.text", everyItem(nullValue())).body("messages", hasSize(0));
        // an auditor also reads the text, and the read is logged
        given().auth().oauth2(auditor).get(file).then().statusCode(200)
                .body("messages.text", hasItem("九折可以，帮我下单"))
                .body("marketing.find { !it.approved }.text", equalTo("限时秒杀，错过再等一年"));
        given().auth().oauth2(auditor).queryParam("actor", "A-cust-" + s).get("/api/archive/access-log").then()
                .statusCode(200).body("find { it.action == 'READ' }.request", notNullValue())
                .body("request", hasItem(org.hamcrest.Matchers.startsWith("customer file generic:" + customer)));

        // the head of 销售部 sees the department's customers; another department's head none; employees nothing
        given().auth().oauth2(TOKENS.issue("dept-head", "E-head-" + s, sales)).get(file).then().statusCode(200)
                .body("marketing.text", everyItem(nullValue()));
        given().auth().oauth2(TOKENS.issue("dept-head", "E-other-" + s, "D-other-" + s)).get(file).then()
                .statusCode(404);
        given().auth().oauth2(TOKENS.issue("dept-head", "E-other-" + s, "D-other-" + s)).get("/api/customers").then()
                .statusCode(200).body("customerId", not(hasItem("generic:" + customer)));
        given().auth().oauth2(TOKENS.issue("employee", staff, sales)).get(file).then().statusCode(403);
        given().auth().oauth2(hr).get("/api/customers/generic:u-" + staff).then().statusCode(404);
        given().auth().oauth2(hr).queryParam("from", "later").get("/api/customers").then().statusCode(400);
    }
}
