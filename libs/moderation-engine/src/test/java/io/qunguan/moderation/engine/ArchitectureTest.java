package io.qunguan.moderation.engine;

import io.qunguan.testkit.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void isAPlainJavaLibraryWithoutPackageCycles() {
        ArchitectureRules.checkLibrary("io.qunguan.moderation.engine");
    }
}
