package io.qunguan.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qunguan.events.EventJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs RS256 bearer tokens the services accept: issuer {@value #ISSUER}, the role in {@code groups},
 * the person in {@code upn}/{@code sub}, their department in {@code dept}. For tests (the bundled test key)
 * and the local run (its generated dev key) only.
 */
public final class Tokens {

    /** The issuer the services verify in tests and the local run; production has its own ({@code QUNGUAN_JWT_ISSUER}). */
    public static final String ISSUER = "https://auth.qunguan.local";
    /** The audience every service verifies ({@code mp.jwt.verify.audiences}). */
    public static final String AUDIENCE = "qunguan";

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private final PrivateKey key;

    private Tokens(PrivateKey key) {
        this.key = key;
    }

    /**
     * Tokens signed with this test JVM's own key pair, generated on first use; the services' test profile trusts
     * its public half ({@link TestKeysConfigSource}).
     */
    public static Tokens forTests() {
        return fromPem(TestKeys.directory().resolve("private.pem"));
    }

    /** Tokens signed with the PKCS#8 PEM private key in {@code file}. */
    public static Tokens fromPem(Path file) {
        try {
            return new Tokens(parsePrivateKey(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Generates an RSA key pair and writes {@code private.pem} and {@code public.pem} into {@code directory}. */
    public static void generateKeyPair(Path directory) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("private.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(directory.resolve("public.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A token valid for one hour. {@code department} may be null. */
    public String issue(String role, String subject, String department) {
        return issue(role, subject, department, Duration.ofHours(1));
    }

    public String issue(String role, String subject, String department, Duration lifetime) {
        return sign(claims(role, subject, department, lifetime));
    }

    /** The claims of a token {@link #issue} would sign; a test changes them to forge a token the services refuse. */
    public static ObjectNode claims(String role, String subject, String department, Duration lifetime) {
        Instant now = Instant.now();
        ObjectNode claims = EventJson.MAPPER.createObjectNode();
        claims.put("iss", ISSUER);
        claims.put("aud", AUDIENCE);
        claims.put("sub", subject);
        claims.put("upn", subject);
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(lifetime).getEpochSecond());
        claims.putArray("groups").add(role);
        if (department != null) {
            claims.put("dept", department);
        }
        return claims;
    }

    /** {@code claims} signed RS256 with this key. */
    public String sign(ObjectNode claims) {
        String header = URL.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = URL.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        String signingInput = header + "." + payload;
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("token not signed", e);
        }
    }

    /**
     * Forged tokens every endpoint must refuse with 401, by what is wrong with them: no signature ({@code alg none}),
     * HS256 keyed with the services' public key, another issuer, another audience, expired, valid for a month, issued
     * a day ago. Each carries {@code role} for {@code subject}, so only the forgery stands between it and the data.
     */
    public Map<String, String> forgeries(String role, String subject, byte[] publicKeyPem) {
        Map<String, String> forged = new LinkedHashMap<>();
        ObjectNode claims = claims(role, subject, null, Duration.ofHours(1));
        forged.put("alg none", unsigned("{\"alg\":\"none\",\"typ\":\"JWT\"}", claims) + ".");
        forged.put("HS256 keyed with the public key", hmac(claims, publicKeyPem));
        forged.put("another issuer", sign(claims.deepCopy().put("iss", "https://evil.example")));
        forged.put("another audience", sign(claims.deepCopy().put("aud", "another-app")));
        forged.put("no audience", sign((ObjectNode) claims.deepCopy().without("aud")));
        long now = Instant.now().getEpochSecond();
        forged.put("expired", sign(claims.deepCopy().put("iat", now - 7_200).put("exp", now - 3_600)));
        forged.put("valid for a month", sign(claims.deepCopy().put("exp", now + 30L * 86_400)));
        forged.put("issued a day ago", sign(claims.deepCopy().put("iat", now - 86_400).put("exp", now + 3_600)));
        return forged;
    }

    private static String unsigned(String header, ObjectNode claims) {
        return URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + URL.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String hmac(ObjectNode claims, byte[] secret) {
        String signingInput = unsigned("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", claims);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return signingInput + "." + URL.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey parsePrivateKey(String pem) {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("not a PKCS#8 RSA private key", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
