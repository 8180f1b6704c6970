package io.qunguan.platforms.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The WXBizMsgCrypt callback scheme of WeCom, shared by DingTalk's HTTP event subscription: signature
 * {@code sha1(sort(token, timestamp, nonce, ciphertext))}, AES-256-CBC with key {@code base64(EncodingAESKey + "=")}
 * and IV its first 16 bytes, plaintext {@code random(16) | length(4, big-endian) | message | receiver id},
 * PKCS#7 padding to <b>32-byte</b> blocks (so pad bytes run 1–32, which the JCE's PKCS5Padding refuses).
 *
 * <p>Padding, length and receiver id are checked by hand, and every failure is the same empty answer: callers
 * check the signature first (it covers the ciphertext), so nothing unsigned ever reaches the decryption.
 */
public final class WxBizMsgCipher {

    static final int BLOCK = 32;
    private static final int RANDOM = 16;
    private static final SecureRandom RANDOM_SOURCE = new SecureRandom();

    private final String token;
    private final SecretKeySpec key;
    private final IvParameterSpec iv;
    private final byte[] receiverId;

    /**
     * @param encodingAesKey the 43-character key from the platform console
     * @param receiverId     the CorpID (WeCom), or the corpId / appKey / suiteKey the DingTalk app is bound to
     */
    public WxBizMsgCipher(String token, String encodingAesKey, String receiverId) {
        if (token == null || token.isEmpty()) {
            throw new IllegalArgumentException("the callback token is empty");
        }
        if (encodingAesKey == null || encodingAesKey.length() != 43) {
            throw new IllegalArgumentException("an EncodingAESKey has 43 characters");
        }
        byte[] aesKey = Base64.getDecoder().decode(encodingAesKey + "=");
        this.token = token;
        this.key = new SecretKeySpec(aesKey, "AES");
        this.iv = new IvParameterSpec(aesKey, 0, 16);
        this.receiverId = receiverId.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The ciphers of one app: the current token and key, then, during a rotation, the previous ones (a missing
     * previous token or key is the current one).
     */
    public static List<WxBizMsgCipher> withRotation(String token, String key, Optional<String> previousToken,
            Optional<String> previousKey, String receiverId) {
        WxBizMsgCipher current = new WxBizMsgCipher(token, key, receiverId);
        if (previousToken.isEmpty() && previousKey.isEmpty()) {
            return List.of(current);
        }
        return List.of(current, new WxBizMsgCipher(previousToken.orElse(token), previousKey.orElse(key), receiverId));
    }

    /** A request opened by one of an app's ciphers: the cipher that verified it answers with it. */
    public record Opened(WxBizMsgCipher cipher, String plaintext) {
    }

    /**
     * Checks the signature with each cipher and decrypts with the first that verifies; nothing unsigned is ever
     * decrypted.
     */
    public static Optional<Opened> open(List<WxBizMsgCipher> ciphers, String signature, String timestamp, String nonce,
            String encrypted) {
        for (WxBizMsgCipher cipher : ciphers) {
            if (cipher.signatureMatches(signature, timestamp, nonce, encrypted)) {
                Optional<String> plaintext = cipher.decrypt(encrypted);
                if (plaintext.isPresent()) {
                    return Optional.of(new Opened(cipher, plaintext.get()));
                }
            }
        }
        return Optional.empty();
    }

    /** The hex SHA-1 over the four values sorted as strings and concatenated. */
    public static String signature(String token, String timestamp, String nonce, String ciphertext) {
        String[] parts = {token, timestamp, nonce, ciphertext};
        Arrays.sort(parts);
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            for (String part : parts) {
                sha1.update(part.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha1.digest());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-1 is required by the JDK", e);
        }
    }

    /** This token's signature of the values, for answers that are signed too (DingTalk's encrypted "success"). */
    public String sign(String timestamp, String nonce, String ciphertext) {
        return signature(token, timestamp, nonce, ciphertext);
    }

    /** Whether {@code presented} is this token's signature of the values; constant-time. */
    public boolean signatureMatches(String presented, String timestamp, String nonce, String ciphertext) {
        if (presented == null || timestamp == null || nonce == null || ciphertext == null) {
            return false;
        }
        String expected = signature(token, timestamp, nonce, ciphertext);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                presented.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    /** The message inside {@code base64Ciphertext}, or empty when it is not a well-formed message for this receiver. */
    public Optional<String> decrypt(String base64Ciphertext) {
        byte[] ciphertext;
        try {
            ciphertext = Base64.getMimeDecoder().decode(base64Ciphertext);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (ciphertext.length < BLOCK || ciphertext.length % 16 != 0) {
            return Optional.empty();
        }
        byte[] plain;
        try {
            Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
            aes.init(Cipher.DECRYPT_MODE, key, iv);
            plain = aes.doFinal(ciphertext);
        } catch (GeneralSecurityException e) {
            return Optional.empty();
        }
        int unpadded = unpaddedLength(plain);
        if (unpadded < RANDOM + 4) {
            return Optional.empty();
        }
        int length = ByteBuffer.wrap(plain, RANDOM, 4).getInt();
        // negative as int32, or longer than what is there: refused before any copy
        if (length < 0 || length > unpadded - RANDOM - 4) {
            return Optional.empty();
        }
        int receiverStart = RANDOM + 4 + length;
        byte[] receiver = Arrays.copyOfRange(plain, receiverStart, unpadded);
        if (!MessageDigest.isEqual(receiver, receiverId)) {
            return Optional.empty();
        }
        return Optional.of(new String(plain, RANDOM + 4, length, StandardCharsets.UTF_8));
    }

    /**
     * The length without PKCS#7 padding to 32-byte blocks, or -1 when the padding is malformed. Every pad byte
     * is inspected whatever the outcome, so the time taken does not depend on where a bad byte sits.
     */
    static int unpaddedLength(byte[] plain) {
        int pad = plain[plain.length - 1] & 0xff;
        int bad = (pad == 0 || pad > BLOCK) ? 1 : 0;
        for (int i = 1; i <= BLOCK && i <= plain.length; i++) {
            int inPad = i <= pad ? 1 : 0;
            bad |= inPad & ((plain[plain.length - i] & 0xff) != pad ? 1 : 0);
        }
        return bad == 0 ? plain.length - pad : -1;
    }

    /** Encrypts {@code message} for this receiver with fresh random bytes, base64-encoded. */
    public String encrypt(String message) {
        byte[] random = new byte[RANDOM];
        RANDOM_SOURCE.nextBytes(random);
        return encrypt(message, random);
    }

    /** Encrypts with the given 16 random bytes: deterministic, for tests and for replies that must be reproducible. */
    public String encrypt(String message, byte[] random) {
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        int length = RANDOM + 4 + body.length + receiverId.length;
        int pad = BLOCK - length % BLOCK;
        ByteBuffer plain = ByteBuffer.allocate(length + pad);
        plain.put(random, 0, RANDOM).putInt(body.length).put(body).put(receiverId);
        for (int i = 0; i < pad; i++) {
            plain.put((byte) pad);
        }
        try {
            Cipher aes = Cipher.getInstance("AES/CBC/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, key, iv);
            return Base64.getEncoder().encodeToString(aes.doFinal(plain.array()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CBC/NoPadding is required by the JDK", e);
        }
    }
}
