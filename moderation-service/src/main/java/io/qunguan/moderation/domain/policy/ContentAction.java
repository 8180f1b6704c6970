package io.qunguan.moderation.domain.policy;

import io.qunguan.events.Sanction;
import java.util.Locale;
import java.util.Objects;

/**
 * What a group's policy does with a content category (GL-7): allow it, record it as a violation without sanction,
 * sanction it on the ladder (SV-2), or always apply one fixed sanction.
 *
 * @param fixed the sanction of a {@link Mode#FIXED} action; null otherwise
 */
public record ContentAction(Mode mode, Sanction fixed) {

    public enum Mode {
        /** Not a violation in this group (festive greetings in a social group). */
        ALLOW,
        /** A violation on record, without sanction and not counted on the ladder. */
        RECORD,
        /** A violation the ladder decides on. */
        SANCTION,
        /** A violation with the same sanction every time, counted on the ladder. */
        FIXED
    }

    public static final ContentAction ALLOW = new ContentAction(Mode.ALLOW, null);
    public static final ContentAction RECORD = new ContentAction(Mode.RECORD, null);
    public static final ContentAction SANCTION = new ContentAction(Mode.SANCTION, null);

    public ContentAction {
        Objects.requireNonNull(mode, "mode");
        if ((mode == Mode.FIXED) != (fixed != null)) {
            throw new IllegalArgumentException("a FIXED action, and only that, names its sanction");
        }
    }

    /**
     * Reads a policy's value: {@code ALLOW}, {@code RECORD}, {@code SANCTION} ({@code LADDER} in policy versions
     * written before RECORD existed), or a sanction's name, which becomes a fixed sanction (a {@code MUTE} for
     * {@code muteMinutes}).
     *
     * @throws IllegalArgumentException for anything else, or a sanction that needs an amount
     */
    public static ContentAction parse(String value, int muteMinutes) {
        String name = value.trim().toUpperCase(Locale.ROOT);
        return switch (name) {
            case "ALLOW" -> ALLOW;
            case "RECORD" -> RECORD;
            case "SANCTION", "LADDER" -> SANCTION;
            default -> {
                Sanction.Kind kind = Sanction.Kind.valueOf(name);
                yield new ContentAction(Mode.FIXED, kind.timed() ? Sanction.mute(muteMinutes) : Sanction.of(kind));
            }
        };
    }

    /** Whether a finding under this action is a violation at all. */
    public boolean violation() {
        return mode != Mode.ALLOW;
    }

    /** Whether a violation under this action is sanctioned and counts as an offence. */
    public boolean sanctioned() {
        return mode == Mode.SANCTION || mode == Mode.FIXED;
    }
}
