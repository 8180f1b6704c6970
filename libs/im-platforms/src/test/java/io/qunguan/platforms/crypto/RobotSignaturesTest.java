package io.qunguan.platforms.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/**
 * Robot signatures against values computed independently (Python's hmac over the documented formulas), and
 * the two platforms' orders told apart (reference case 12).
 */
class RobotSignaturesTest {

    @Test
    void dingTalkKeysWithTheSecretOverTimestampAndSecret() {
        assertEquals("xOJIB8eNoYWeLy26EMZOlc2RjOJbtPv9HYjm+E3uALU=",
                RobotSignatures.dingTalk("SEC000000000000000000000", 1577262236757L));
    }

    @Test
    void feishuKeysWithTimestampAndSecretOverNothing() {
        assertEquals("I14G+BylJBIS1VqI4nUg1mKqMAjMGZlFJGT36IJRUr8=",
                RobotSignatures.feishu("demo-feishu-secret", 1599360473L));
        assertNotEquals(RobotSignatures.dingTalk("demo-feishu-secret", 1599360473L),
                RobotSignatures.feishu("demo-feishu-secret", 1599360473L));
    }
}
