package io.qunguan.platforms.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The WeCom/DingTalk callback cipher: official vectors, 32-byte padding, and every malformed plaintext refused. */
class WxBizMsgCipherTest {

    // the official WXBizMsgCrypt Java sample (Sample.java)
    static final String TOKEN = "QDG6eK";
    static final String CORP_ID = "wx5823bf96d3bd56c7";
    static final String AES_KEY = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    static final String ECHOSTR =
            "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==";
    static final String POSTED_ENCRYPT = "RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3Qczc"
            + "dCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxA"
            + "UHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6"
            + "tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7"
            + "m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==";

    private final WxBizMsgCipher cipher = new WxBizMsgCipher(TOKEN, AES_KEY, CORP_ID);

    @Test
    void officialUrlVerificationVector() {
        assertTrue(cipher.signatureMatches("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3", "1409659589", "263014780", ECHOSTR));
        String echo = cipher.decrypt(ECHOSTR).orElseThrow();
        assertFalse(echo.isEmpty());
        assertEquals(echo.strip(), echo, "the echo is answered as it is: no whitespace, quotes or BOM");
    }

    @Test
    void officialMessageVector() {
        assertTrue(cipher.signatureMatches("477715d11cdb4164915debcba66cb864d751f3e6", "1409659813", "1372623149",
                POSTED_ENCRYPT));
        String xml = cipher.decrypt(POSTED_ENCRYPT).orElseThrow();
        assertTrue(xml.startsWith("<xml>") && xml.contains("<MsgType><![CDATA[text]]></MsgType>"), xml);
        assertEquals("wx5823bf96d3bd56c7", HardenedXml.parse(xml).text("ToUserName").orElseThrow());
    }

    // DingTalk's published callback test data (open-dingtalk, 回调接口本地调试方案)
    static final String DINGTALK_ENCRYPT = "1a3NBxmCFwkCJvfoQ7WhJHB+iX3qHPsc9JbaDznE1i03peOk1LaOQoRz3+nlyGNhwmwJ3vDMG"
            + "+OzrHMeiZI7gTRWVdUBmfxjZ8Ej23JVYa9VrYeJ5as7XM/ZpulX8NEQis44w53h1qAgnC3PRzM7Zc/D6Ibr0rgUathB6zRHP8PYrfgn"
            + "NOS9PhSBdHlegK+AGGanfwjXuQ9+0pZcy0w9lQ==";
    static final String DINGTALK_PLAINTEXT =
            "{\"EventType\":\"check_create_suite_url\",\"Random\":\"LPIdSnlF\",\"TestSuiteKey\":\"suite4xxxxxxxxxxxxxxx\"}";

    @Test
    void officialDingTalkVectorVerifiesDecryptsAndReencryptsByteForByte() {
        WxBizMsgCipher dingTalk = new WxBizMsgCipher("123456", "4g5j64qlyl3zvetqxz5jiocdr586fn2zvjpa8zls3ij",
                "suite4xxxxxxxxxxxxxxx");
        assertTrue(dingTalk.signatureMatches("5a65ceeef9aab2d149439f82dc191dd6c5cbe2c0", "1445827045067", "nEXhMP4r",
                DINGTALK_ENCRYPT));
        assertEquals(DINGTALK_PLAINTEXT, dingTalk.decrypt(DINGTALK_ENCRYPT).orElseThrow());
        assertEquals(DINGTALK_ENCRYPT, dingTalk.encrypt(DINGTALK_PLAINTEXT,
                "hU3bEfGZZewzhG5a".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("5a65ceeef9aab2d149439f82dc191dd6c5cbe2c0",
                dingTalk.sign("1445827045067", "nEXhMP4r", DINGTALK_ENCRYPT));
        // the same ciphertext for another owner key (another corp's app) is refused
        assertEquals(Optional.empty(), new WxBizMsgCipher("123456", "4g5j64qlyl3zvetqxz5jiocdr586fn2zvjpa8zls3ij",
                "dingothercorp").decrypt(DINGTALK_ENCRYPT));
    }

    @Test
    void oneFlippedBitInAnySignedValueFailsTheSignature() {
        assertFalse(cipher.signatureMatches("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3", "1409659588", "263014780", ECHOSTR));
        assertFalse(cipher.signatureMatches("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3", "1409659589", "263014781", ECHOSTR));
        assertFalse(cipher.signatureMatches("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd2", "1409659589", "263014780", ECHOSTR));
        assertFalse(cipher.signatureMatches("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3", "1409659589", "263014780",
                ECHOSTR.replace('P', 'Q')));
        assertFalse(new WxBizMsgCipher("QDG6eL", AES_KEY, CORP_ID)
                .signatureMatches("5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3", "1409659589", "263014780", ECHOSTR));
        assertFalse(cipher.signatureMatches(null, "1409659589", "263014780", ECHOSTR));
    }

    @Test
    void everyPadLengthFromOneToThirtyTwoRoundTrips() {
        boolean[] seen = new boolean[33];
        for (int length = 0; length < 64; length++) {
            String message = "x".repeat(length);
            int pad = 32 - (16 + 4 + length + CORP_ID.length()) % 32;
            seen[pad] = true;
            assertEquals(Optional.of(message), cipher.decrypt(cipher.encrypt(message)), "length " + length);
        }
        for (int pad = 1; pad <= 32; pad++) {
            assertTrue(seen[pad], "pad " + pad + " was exercised");
        }
    }

    @Test
    void aJcePkcs5PaddingDecryptorCannotReadPadsAboveSixteen() throws Exception {
        // why the padding is removed by hand: 16 + 4 + 2 + 18 = 40 bytes are padded with 24, which PKCS5Padding refuses
        String message = "hi";
        int pad = 32 - (20 + message.length() + CORP_ID.length()) % 32;
        assertTrue(pad > 16, "pad " + pad);
        byte[] key = Base64.getDecoder().decode(AES_KEY + "=");
        Cipher jce = Cipher.getInstance("AES/CBC/PKCS5Padding");
        jce.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
        byte[] ciphertext = Base64.getDecoder().decode(cipher.encrypt(message));
        assertThrows(BadPaddingException.class, () -> jce.doFinal(ciphertext));
        assertEquals(Optional.of(message), cipher.decrypt(cipher.encrypt(message)));
    }

    @Test
    void malformedPaddingIsRefused() throws Exception {
        assertEquals(Optional.empty(), cipher.decrypt(raw(plain("hello", CORP_ID), 0)), "pad byte 0");
        assertEquals(Optional.empty(), cipher.decrypt(raw(plain("hello", CORP_ID), 33)), "pad byte 33");
        byte[] inconsistent = padded(plain("hello", CORP_ID));
        inconsistent[inconsistent.length - 2] ^= 1;
        assertEquals(Optional.empty(), cipher.decrypt(encryptRaw(inconsistent)), "inconsistent pad bytes");
    }

    @Test
    void anotherReceiverIsRefused() {
        WxBizMsgCipher otherCorp = new WxBizMsgCipher(TOKEN, AES_KEY, "wwOtherCorp0000001");
        assertEquals(Optional.empty(), cipher.decrypt(otherCorp.encrypt("<xml/>")));
        assertTrue(otherCorp.decrypt(otherCorp.encrypt("<xml/>")).isPresent());
    }

    @Test
    void aDeclaredLengthLongerThanTheTextOrNegativeIsRefused() throws Exception {
        byte[] plain = plain("hello", CORP_ID);
        ByteBuffer.wrap(plain, 16, 4).putInt(5 + CORP_ID.length() + 1);
        assertEquals(Optional.empty(), cipher.decrypt(encryptRaw(padded(plain))));
        ByteBuffer.wrap(plain, 16, 4).putInt(-1);
        assertEquals(Optional.empty(), cipher.decrypt(encryptRaw(padded(plain))));
        ByteBuffer.wrap(plain, 16, 4).putInt(Integer.MIN_VALUE);
        assertEquals(Optional.empty(), cipher.decrypt(encryptRaw(padded(plain))));
    }

    @Test
    void notBase64OrNotWholeBlocksIsRefused() {
        assertEquals(Optional.empty(), cipher.decrypt("not base64 at all!"));
        assertEquals(Optional.empty(), cipher.decrypt(Base64.getEncoder().encodeToString(new byte[31])));
        assertEquals(Optional.empty(), cipher.decrypt(Base64.getEncoder().encodeToString(new byte[40])));
        assertEquals(Optional.empty(), cipher.decrypt(""));
    }

    @Test
    void aKeyOfTheWrongLengthIsAConfigurationError() {
        assertThrows(IllegalArgumentException.class, () -> new WxBizMsgCipher(TOKEN, "short", CORP_ID));
        assertThrows(IllegalArgumentException.class, () -> new WxBizMsgCipher("", AES_KEY, CORP_ID));
    }

    private static byte[] plain(String message, String receiver) {
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        byte[] receiverBytes = receiver.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(20 + body.length + receiverBytes.length).put(new byte[16]).putInt(body.length)
                .put(body).put(receiverBytes).array();
    }

    private static byte[] padded(byte[] plain) {
        int pad = 32 - plain.length % 32;
        byte[] padded = Arrays.copyOf(plain, plain.length + pad);
        Arrays.fill(padded, plain.length, padded.length, (byte) pad);
        return padded;
    }

    /** The plaintext padded to a whole block with {@code padByte} in every pad position. */
    private static String raw(byte[] plain, int padByte) throws Exception {
        int pad = 32 - plain.length % 32;
        byte[] padded = Arrays.copyOf(plain, plain.length + pad);
        Arrays.fill(padded, plain.length, padded.length, (byte) padByte);
        return encryptRaw(padded);
    }

    private static String encryptRaw(byte[] blocks) throws Exception {
        byte[] key = Base64.getDecoder().decode(AES_KEY + "=");
        Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(key, 0, 16));
        return Base64.getEncoder().encodeToString(aes.doFinal(blocks));
    }
}
