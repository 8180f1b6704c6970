package io.qunguan.events;

import java.util.Objects;

/**
 * A rung of the sanctions ladder (SV-2) as decided for one violation: its kind, how long for a mute, how much for a
 * fine or a penalty red packet.
 *
 * @param minutes how long a {@code MUTE} lasts; null for every other kind
 * @param yuan    the amount of a {@code FINE} or {@code PENALTY_RED_PACKET}; null for every other kind
 */
public record Sanction(Kind kind, Integer minutes, Integer yuan) {

    /** The kinds of sanction the policies name, mildest first as the default ladder orders them. */
    public enum Kind {
        REMINDER, WARNING, RECALL_REQUEST, MUTE, REMOVAL, WRITTEN_WARNING, FINE, PENALTY_RED_PACKET,
        /** Serious cases go to HR, which decides on dismissal; software never dismisses anyone. */
        REFERRAL_TO_HR;

        /** Whether the kind takes a duration ({@code MUTE}). */
        public boolean timed() {
            return this == MUTE;
        }

        /** Whether the kind takes an amount ({@code FINE}, {@code PENALTY_RED_PACKET}). */
        public boolean monetary() {
            return this == FINE || this == PENALTY_RED_PACKET;
        }
    }

    public Sanction {
        Objects.requireNonNull(kind, "kind");
        if (kind.timed() != (minutes != null) || minutes != null && minutes <= 0) {
            throw new IllegalArgumentException(kind + (kind.timed() ? " needs a positive number of minutes"
                    : " takes no minutes"));
        }
        if (kind.monetary() != (yuan != null) || yuan != null && yuan <= 0) {
            throw new IllegalArgumentException(kind + (kind.monetary() ? " needs a positive amount in yuan"
                    : " takes no amount"));
        }
    }

    /** A sanction that takes neither a duration nor an amount. */
    public static Sanction of(Kind kind) {
        return new Sanction(kind, null, null);
    }

    public static Sanction mute(int minutes) {
        return new Sanction(Kind.MUTE, minutes, null);
    }

    public static Sanction fine(int yuan) {
        return new Sanction(Kind.FINE, null, yuan);
    }

    /** {@code MUTE 60 min}, {@code FINE ¥100}, {@code WARNING}: for logs and operators, not for notices. */
    @Override
    public String toString() {
        return kind + (minutes != null ? " " + minutes + " min" : "") + (yuan != null ? " ¥" + yuan : "");
    }
}
