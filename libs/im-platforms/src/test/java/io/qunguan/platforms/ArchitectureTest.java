package io.qunguan.platforms;

import io.qunguan.testkit.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void isAPlainJavaLibraryWithoutPackageCycles() {
        ArchitectureRules.checkLibrary("io.qunguan.platforms");
    }
}
