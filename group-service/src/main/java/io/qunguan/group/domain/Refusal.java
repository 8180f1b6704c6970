package io.qunguan.group.domain;

import java.util.List;

/** The domain refuses a request, saying why; the API turns the kind into a status. */
public class Refusal extends RuntimeException {

    /** Why a request is refused. */
    public enum Kind {
        /** The request itself is wrong (a missing field, a malformed document, a name that breaks the rules). */
        INVALID,
        /** The request clashes with the current state (already decided, already exists). */
        CONFLICT,
        /** The caller may see the object but not do this to it. */
        FORBIDDEN
    }

    private final Kind kind;
    private final List<String> problems;

    public Refusal(Kind kind, List<String> problems) {
        super(String.join("; ", problems));
        this.kind = kind;
        this.problems = List.copyOf(problems);
    }

    public static Refusal invalid(String problem) {
        return new Refusal(Kind.INVALID, List.of(problem));
    }

    public static Refusal conflict(String problem) {
        return new Refusal(Kind.CONFLICT, List.of(problem));
    }

    public static Refusal forbidden(String problem) {
        return new Refusal(Kind.FORBIDDEN, List.of(problem));
    }

    public Kind kind() {
        return kind;
    }

    public List<String> problems() {
        return problems;
    }
}
