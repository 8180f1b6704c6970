package io.qunguan.eventing;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Which failures are transient: they say nothing about the record, only that PostgreSQL or Kafka cannot be reached
 * now, or that a concurrent transaction got in the way, so the same record succeeds once they are back.
 */
public final class TransientFailures {

    /** Lock and serialisation conflicts: the transaction is simply run again. */
    private static final Set<String> CONFLICT_STATES = Set.of("40001", "40P01", "55P03");
    /** Failures of the persistence layers that wrap a lost connection or a lock timeout. */
    private static final Set<String> TRANSIENT_TYPES = Set.of(
            "org.hibernate.exception.JDBCConnectionException",
            "org.hibernate.exception.LockAcquisitionException",
            "org.hibernate.PessimisticLockException",
            "jakarta.persistence.LockTimeoutException",
            "jakarta.persistence.PessimisticLockException",
            "jakarta.persistence.QueryTimeoutException");

    private TransientFailures() {
    }

    /** Whether {@code failure}, or anything that caused it, is transient. */
    public static boolean isTransient(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable cause = failure; cause != null && seen.put(cause, true) == null; cause = cause.getCause()) {
            if (isTransientItself(cause)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTransientItself(Throwable failure) {
        if (failure instanceof SQLTransientException || failure instanceof SQLRecoverableException
                || failure instanceof EventPublisher.PublishFailedException || failure instanceof RetriableException
                || failure instanceof ConnectException || failure instanceof SocketTimeoutException
                || failure instanceof HttpTimeoutException || TRANSIENT_TYPES.contains(failure.getClass().getName())) {
            return true;
        }
        if (failure instanceof SQLException sql) {
            String state = sql.getSQLState();
            if (state == null) {
                // the connection pool's own refusals carry no SQL state
                String message = String.valueOf(sql.getMessage());
                return message.contains("Acquisition timeout") || message.contains("connection is closed")
                        || message.contains("This connection has been closed");
            }
            // 08: connection exceptions; 53: insufficient resources; 57P: shutdown, crash, cannot connect now
            return state.startsWith("08") || state.startsWith("53") || state.startsWith("57P")
                    || CONFLICT_STATES.contains(state);
        }
        return false;
    }

    /** The innermost message of {@code failure}, for the log. */
    static String describe(Throwable failure) {
        Throwable root = failure;
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        while (root.getCause() != null && seen.put(root, true) == null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
