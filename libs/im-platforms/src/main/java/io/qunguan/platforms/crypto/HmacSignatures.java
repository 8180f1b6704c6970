package io.qunguan.platforms.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC signatures of the platforms that sign the raw body with a shared secret (Slack, OneBot, DingTalk robots). */
public final class HmacSignatures {

    private HmacSignatures() {
    }

    /** HMAC of {@code parts} concatenated, with {@code algorithm} (e.g. {@code HmacSHA256}). */
    public static byte[] hmac(String algorithm, byte[] secret, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret, algorithm));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is required by the JDK", e);
        }
    }

    /**
     * Whether the hex signature {@code presented} equals the HMAC under any of {@code secrets}. Every secret is
     * tried and compared in constant time, so the time taken tells neither how much matched nor which secret.
     */
    public static boolean hexMatchesAny(String presented, String algorithm, List<byte[]> secrets, byte[]... parts) {
        if (presented == null) {
            return false;
        }
        byte[] presentedBytes = presented.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        boolean matches = false;
        for (byte[] secret : secrets) {
            byte[] expected = HexFormat.of().formatHex(hmac(algorithm, secret, parts)).getBytes(StandardCharsets.US_ASCII);
            matches |= MessageDigest.isEqual(expected, presentedBytes);
        }
        return matches;
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
