package io.qunguan.platforms.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.qunguan.platforms.WebhookRejectedException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** XML from platforms: nothing outside the document is ever read (reference cases 15, 16, 18). */
class HardenedXmlTest {

    @Test
    void externalEntitiesAreRefusedWithoutAnyOutboundConnection() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(200);
            AtomicInteger connections = new AtomicInteger();
            Thread acceptor = Thread.ofVirtual().start(() -> {
                while (!listener.isClosed()) {
                    try {
                        listener.accept().close();
                        connections.incrementAndGet();
                    } catch (SocketTimeoutException e) {
                        // keep listening until the test closes the socket
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            String url = "http://127.0.0.1:" + listener.getLocalPort() + "/x";
            String[] attacks = {
                "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY e SYSTEM \"" + url + "\">]><xml><Content>&e;</Content></xml>",
                "<?xml version=\"1.0\"?><!DOCTYPE xml SYSTEM \"" + url + "\"><xml><Content>a</Content></xml>",
                "<!DOCTYPE xml [<!ENTITY % p SYSTEM \"" + url + "\"> %p;]><xml/>",
            };
            for (String attack : attacks) {
                WebhookRejectedException refused = assertThrows(WebhookRejectedException.class,
                        () -> HardenedXml.parse(attack).text("Content"), attack);
                assertEquals(400, refused.status());
            }
            // XInclude is not processed: the element is read as an unknown child, never fetched
            HardenedXml.parse("<xml xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"" + url
                    + "\"/><Content>a</Content></xml>");
            Thread.sleep(300);
            listener.close();
            acceptor.join();
            assertEquals(0, connections.get(), "the parser connected out");
        }
    }

    @Test
    void entityExpansionBombIsRefusedQuickly() {
        StringBuilder bomb = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (int i = 1; i <= 9; i++) {
            bomb.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10))
                    .append("\">");
        }
        bomb.append("]><xml><Content>&lol9;</Content></xml>");
        assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(WebhookRejectedException.class, () -> HardenedXml.parse(bomb.toString())));
    }

    @Test
    void deepNestingIsRefusedQuickly() {
        String deep = "<a>".repeat(100_000) + "</a>".repeat(100_000);
        assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(WebhookRejectedException.class, () -> HardenedXml.parse(deep)));
    }

    @Test
    void notXmlIsA400() {
        assertEquals(400, assertThrows(WebhookRejectedException.class, () -> HardenedXml.parse("{\"json\":1}")).status());
        assertThrows(WebhookRejectedException.class, () -> HardenedXml.parse(""));
        assertThrows(WebhookRejectedException.class, () -> HardenedXml.parse("<xml><open></xml>"));
    }

    @Test
    void memberListsReadTheSameInTheOldAndTheNewForm() {
        HardenedXml old = HardenedXml.parse("<xml><MemChangeList><![CDATA[wmA,wmB , wmC]]></MemChangeList></xml>");
        HardenedXml items = HardenedXml.parse(
                "<xml><MemChangeList><Item><![CDATA[wmA]]></Item><Item>wmB</Item><Item>wmC</Item></MemChangeList></xml>");
        assertEquals(List.of("wmA", "wmB", "wmC"), old.list("MemChangeList"));
        assertEquals(old.list("MemChangeList"), items.list("MemChangeList"));
        assertEquals(List.of(), old.list("Absent"));
    }

    @Test
    void unicodeAndCdataSurviveIntact() {
        String text = "收到 👍🏽 \uD835\uDC00 <b>not markup</b> " + "长".repeat(5000);
        HardenedXml xml = HardenedXml.parse("<xml><Content><![CDATA[" + text + "]]></Content></xml>");
        assertEquals(text, xml.text("Content").orElseThrow());
    }
}
