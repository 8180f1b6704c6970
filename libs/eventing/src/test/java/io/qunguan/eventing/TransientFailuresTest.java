package io.qunguan.eventing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class TransientFailuresTest {

    @Test
    void aLostConnectionIsTransientHoweverDeepItIsWrapped() {
        SQLException refused = new SQLException("Connection to 127.0.0.1:5432 refused", "08001");
        RuntimeException wrapped = new IllegalStateException("commit failed",
                new RuntimeException("could not execute statement", refused));
        assertTrue(TransientFailures.isTransient(wrapped));
        assertTrue(TransientFailures.isTransient(new SQLException("terminating connection due to administrator "
                + "command", "57P01")));
        assertTrue(TransientFailures.isTransient(new SQLTransientConnectionException("pool exhausted")));
        assertTrue(TransientFailures.isTransient(new SQLException("Acquisition timeout while waiting for new "
                + "connection")));
        assertTrue(TransientFailures.isTransient(new RuntimeException(new ConnectException("refused"))));
        assertTrue(TransientFailures.isTransient(new EventPublisher.PublishFailedException("broker down", null)));
    }

    @Test
    void conflictsAreTransientButAConstraintOrABugIsNot() {
        assertTrue(TransientFailures.isTransient(new SQLException("could not serialize access", "40001")));
        assertTrue(TransientFailures.isTransient(new SQLException("deadlock detected", "40P01")));
        assertFalse(TransientFailures.isTransient(new SQLException("duplicate key value", "23505")));
        assertFalse(TransientFailures.isTransient(new SQLException("value too long", "22001")));
        assertFalse(TransientFailures.isTransient(new IllegalArgumentException("no such rule")));
        assertFalse(TransientFailures.isTransient(new NullPointerException()));
    }

    @Test
    void aCycleOfCausesEnds() {
        RuntimeException first = new RuntimeException("first");
        RuntimeException second = new RuntimeException("second", first);
        first.initCause(second);
        assertFalse(TransientFailures.isTransient(first));
    }
}
