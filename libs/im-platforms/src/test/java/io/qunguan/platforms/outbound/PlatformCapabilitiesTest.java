package io.qunguan.platforms.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.qunguan.events.Platform;
import io.qunguan.platforms.outbound.AdminAction.Kind;
import io.qunguan.platforms.outbound.PlatformCapabilities.Support;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The library README's capability table is the one the code acts on. */
class PlatformCapabilitiesTest {

    static final String HEADER = "| action | WeCom | DingTalk | Feishu / Lark | Slack | OneBot (QQ) |";

    /** The table's rows as the code has them, in the README's wording. */
    static List<String> rows() {
        List<String> rows = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            StringBuilder row = new StringBuilder("| `").append(kind).append("` |");
            for (Platform platform : PlatformCapabilities.PLATFORMS) {
                PlatformCapabilities.Capability capability = PlatformCapabilities.of(platform, kind);
                row.append(capability.support() == Support.API ? " ✅ API: " : " 👤 owner task: ")
                        .append(capability.how()).append(" |");
            }
            rows.add(row.toString());
        }
        return rows;
    }

    @Test
    void theReadmeTableIsTheCodesTable() throws IOException {
        List<String> readme = Files.readAllLines(Path.of("README.md"));
        int header = readme.indexOf(HEADER);
        assertEquals(true, header >= 0, "the README has no capability table headed " + HEADER);
        List<String> expected = rows();
        List<String> actual = readme.subList(header + 2, Math.min(readme.size(), header + 2 + expected.size()));
        assertEquals(String.join("\n", expected), String.join("\n", actual),
                "README capability table differs from PlatformCapabilities; the expected rows are printed here");
    }

    @Test
    void everyPlatformAnswersForEveryAction() {
        for (Platform platform : PlatformCapabilities.PLATFORMS) {
            for (Kind kind : Kind.values()) {
                assertEquals(true, PlatformCapabilities.of(platform, kind) != null, platform + " " + kind);
            }
        }
        assertEquals(Support.OWNER_TASK, PlatformCapabilities.of(Platform.GENERIC, Kind.REMOVE_MEMBER).support());
    }
}
