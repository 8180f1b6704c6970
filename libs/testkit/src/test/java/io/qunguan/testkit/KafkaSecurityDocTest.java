package io.qunguan.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qunguan.events.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/kafka-security.md lists exactly the ACLs the secured tests grant each service. */
class KafkaSecurityDocTest {

    @Test
    void theDocumentedAclsAreTheOnesTheTestsGrant() throws IOException {
        String page = Files.readString(Path.of("../../docs/kafka-security.md"));
        List<String> documented = page.lines().filter(line -> line.startsWith("kafka-acls.sh ")).toList();
        List<String> granted = Topics.WRITES.keySet().stream().sorted()
                .flatMap(service -> KafkaSecurity.aclCommands(service).stream()).toList();
        assertEquals(String.join("\n", granted), String.join("\n", documented));
    }
}
