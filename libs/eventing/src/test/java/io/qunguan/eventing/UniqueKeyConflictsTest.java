package io.qunguan.eventing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.PersistenceException;
import jakarta.transaction.RollbackException;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UniqueKeyConflictsTest {

    private static SQLException duplicate(String constraint) {
        return new SQLException("ERROR: duplicate key value violates unique constraint \"" + constraint + "\"",
                UniqueKeyConflicts.UNIQUE_VIOLATION);
    }

    @Test
    void aUniqueViolationBehindAnApiRequestIsAConflictNamingTheConstraint() {
        RollbackException atCommit = new RollbackException("commit failed");
        atCommit.addSuppressed(new PersistenceException("flush", duplicate("work_account_live")));

        Response answer = UniqueKeyConflicts.answer(atCommit, "/api/work-accounts");

        assertEquals(409, answer.getStatus());
        assertEquals("work_account_live", ((Map<?, ?>) answer.getEntity()).get("constraint"));
    }

    @Test
    void aViolationChainedAsTheNextExceptionOfABatchIsFound() {
        SQLException batch = new SQLException("batch entry 0 was aborted");
        batch.setNextException(duplicate("department_active_name"));
        PersistenceException failure = new PersistenceException("insert", batch);

        assertEquals("department_active_name", ((Map<?, ?>) UniqueKeyConflicts.answer(failure, "/api/departments")
                .getEntity()).get("constraint"));
    }

    @Test
    void otherDatabaseFailuresAndWebhooksStayServerErrors() {
        PersistenceException foreignKey = new PersistenceException("insert",
                new SQLException("violates foreign key constraint \"x\"", "23503"));
        assertEquals(500, UniqueKeyConflicts.answer(foreignKey, "/api/groups").getStatus());
        assertTrue(UniqueKeyConflicts.uniqueViolation(foreignKey).isEmpty());

        PersistenceException duplicate = new PersistenceException("insert", duplicate("webhook_delivery_pkey"));
        assertEquals(500, UniqueKeyConflicts.answer(duplicate, "/webhooks/generic").getStatus());
    }
}
