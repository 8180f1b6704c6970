package io.qunguan.moderation.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModerationEngineTest {

    private final ModerationEngine engine = ModerationEngine.starter();

    @Test
    void ct6GamblingTermIsFoundWithItsOffsets() {
        List<Finding> findings = engine.scan("周末一起去网赌吧");
        assertEquals(1, findings.size());
        Finding finding = findings.get(0);
        assertEquals("gambling", finding.category());
        assertEquals("CT-6", finding.ruleId());
        assertEquals("网赌", "周末一起去网赌吧".substring(finding.start(), finding.end()));
    }

    @Test
    void ct4ValidResidentIdIsFoundAndMasked() {
        String text = "我的身份证号是11010519491231002X，麻烦登记";
        List<Finding> findings = engine.scan(text);
        assertEquals(1, findings.size());
        assertEquals("CT-4", findings.get(0).ruleId());
        String masked = Masking.mask(text, findings);
        assertEquals("我的身份证号是110105********002X，麻烦登记", masked);
        assertFalse(masked.contains("19491231"));
    }

    @Test
    void ct4InvalidChecksumDateOrLongerDigitRunIsNotAnId() {
        assertTrue(engine.scan("11010519491231002Y").isEmpty(), "bad check character");
        assertTrue(engine.scan("110105194912310021").isEmpty(), "wrong check digit");
        assertTrue(engine.scan("110105194902300020").isEmpty(), "30 February");
        assertTrue(engine.scan("订单号 911010519491231002X7").isEmpty(), "inside a longer run");
    }

    @Test
    void checkCharacterFollowsIso7064() {
        assertTrue(ResidentIdDetector.valid("11010519491231002X"));
        assertTrue(ResidentIdDetector.valid("440524198001010013"));
        assertTrue(ResidentIdDetector.valid("320106199512311232"));
        assertFalse(ResidentIdDetector.valid("440524198001010014"));
        assertFalse(ResidentIdDetector.valid("440524188001010014"), "born before 1900");
    }

    @Test
    void cleanWorkMessageHasNoFindings() {
        assertTrue(engine.scan("收到，明天上午十点的评审会我准时参加。").isEmpty());
    }
}
