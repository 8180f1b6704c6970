package io.qunguan.events;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Deterministic event ids for platform events: a name-based UUID (version 5, RFC 9562) of the platform and
 * the platform's own message or event id, so a redelivered webhook yields the same id everywhere.
 */
public final class EventIds {

    /** The namespace of Qunguan's platform event ids. */
    public static final UUID PLATFORM_NAMESPACE = UUID.fromString("5b0f3a4e-6a51-4d0b-9d7e-2f1c9a7e4b10");

    private EventIds() {
    }

    /** The event id of the platform event {@code platformEventId} seen on {@code platform}. */
    public static UUID fromPlatform(String platform, String platformEventId) {
        return nameBased(PLATFORM_NAMESPACE, platform + "\u0000" + platformEventId);
    }

    /** A version-5 UUID of {@code name} in {@code namespace}. */
    public static UUID nameBased(UUID namespace, String name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by the JDK", e);
        }
        ByteBuffer namespaceBytes = ByteBuffer.allocate(16)
                .putLong(namespace.getMostSignificantBits())
                .putLong(namespace.getLeastSignificantBits());
        sha1.update(namespaceBytes.array());
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        ByteBuffer bits = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bits.getLong(), bits.getLong());
    }
}
