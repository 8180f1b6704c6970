package io.qunguan.eventing;

import jakarta.persistence.PersistenceException;
import jakarta.transaction.RollbackException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Two requests that race on a unique key: both pass their own checks, the database refuses the later insert. The
 * caller gets 409 with the constraint's name, as if its check had seen the other request's row, instead of a 500.
 * Any other persistence failure stays a 500, logged with an id the answer names.
 */
public class UniqueKeyConflicts {

    static final String UNIQUE_VIOLATION = "23505";
    private static final Pattern CONSTRAINT = Pattern.compile("constraint \"([^\"]+)\"");
    private static final Logger LOG = Logger.getLogger(UniqueKeyConflicts.class);

    @ServerExceptionMapper
    public Response persistence(PersistenceException e, UriInfo uri) {
        return answer(e, uri.getPath());
    }

    /** A unique key checked only at commit (a deferred constraint, a flush at commit). */
    @ServerExceptionMapper
    public Response rollback(RollbackException e, UriInfo uri) {
        return answer(e, uri.getPath());
    }

    static Response answer(Throwable failure, String path) {
        Optional<SQLException> unique = uniqueViolation(failure);
        // a webhook keeps its 500: the platform retries it, and the retry finds what the other request stored
        if (unique.isPresent() && path.startsWith("/api/")) {
            String constraint = constraintOf(unique.get().getMessage());
            return Response.status(409).type(MediaType.APPLICATION_JSON).entity(Map.of(
                    "error", "another request created the same record at the same time; "
                            + "read it again before retrying",
                    "constraint", constraint)).build();
        }
        String id = UUID.randomUUID().toString();
        LOG.errorf(failure, "request failed in the database (error id %s)", id);
        return Response.status(500).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", "internal error", "errorId", id)).build();
    }

    /** The unique violation behind {@code failure}, searched through causes and suppressed exceptions. */
    static Optional<SQLException> uniqueViolation(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> pending = new ArrayDeque<>();
        pending.add(failure);
        while (!pending.isEmpty()) {
            Throwable next = pending.poll();
            if (!seen.add(next)) {
                continue;
            }
            if (next instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return Optional.of(sql);
            }
            if (next.getCause() != null) {
                pending.add(next.getCause());
            }
            if (next instanceof SQLException sql && sql.getNextException() != null) {
                pending.add(sql.getNextException());
            }
            pending.addAll(List.of(next.getSuppressed()));
        }
        return Optional.empty();
    }

    static String constraintOf(String message) {
        Matcher matcher = CONSTRAINT.matcher(message == null ? "" : message);
        return matcher.find() ? matcher.group(1) : "unknown";
    }
}
