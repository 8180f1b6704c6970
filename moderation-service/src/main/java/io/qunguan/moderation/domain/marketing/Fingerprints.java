package io.qunguan.moderation.domain.marketing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The fingerprint of a marketing text (MK-1): SHA-256 of its letters and digits in NFKC, lower case, so the approved
 * text posted with other spacing, punctuation, emoji or full-width characters still matches, and any change of a
 * word does not.
 */
public final class Fingerprints {

    private Fingerprints() {
    }

    public static String of(String text) {
        String normalised = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder kept = new StringBuilder(normalised.length());
        normalised.codePoints().filter(Character::isLetterOrDigit).forEach(kept::appendCodePoint);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(kept.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
