package io.qunguan.events;

/** What a deadline in a group is about, and the duty it enforces. */
public enum DeadlineKind {
    /** A leader's task for a person, to be answered (BH-5, SV-4). */
    RESPONSE("BH-5"),
    /** A leader's task for a person, to be closed the same working day (BH-7). */
    FOLLOW_THROUGH("BH-7"),
    /** A customer's message in a customer group, to be replied to by staff (BH-9). */
    CUSTOMER_REPLY("BH-9");

    private final String ruleId;

    DeadlineKind(String ruleId) {
        this.ruleId = ruleId;
    }

    /** The POLICIES id a missed deadline of this kind breaks. */
    public String ruleId() {
        return ruleId;
    }
}
