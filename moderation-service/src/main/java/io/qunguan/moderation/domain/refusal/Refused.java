package io.qunguan.moderation.domain.refusal;

/** Why a request is refused: the caller's mistake, said plainly; the API answers 400, 403, 404, 409 or 422. */
public final class Refused extends RuntimeException {

    public enum Kind { INVALID, FORBIDDEN, NOT_FOUND, CONFLICT, UNPROCESSABLE }

    private final Kind kind;

    public Refused(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** {@code text} stripped; refused (422) when blank or longer than {@code limit}, naming {@code what} it is. */
    public static String requiredText(String text, String what, int limit) {
        if (text == null || text.isBlank()) {
            throw new Refused(Kind.UNPROCESSABLE, what + " is required");
        }
        if (text.strip().length() > limit) {
            throw new Refused(Kind.UNPROCESSABLE, what + " is at most " + limit + " characters");
        }
        return text.strip();
    }
}
