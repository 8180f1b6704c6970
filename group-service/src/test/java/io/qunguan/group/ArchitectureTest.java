package io.qunguan.group;

import io.qunguan.testkit.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void followsTheArchitectureRulesOfEveryService() {
        ArchitectureRules.check("io.qunguan.group");
    }
}
