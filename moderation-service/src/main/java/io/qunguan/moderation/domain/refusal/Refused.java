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
}
