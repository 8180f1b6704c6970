package io.qunguan.group.api;

import io.qunguan.group.domain.Actor;
import io.qunguan.group.domain.AuditEntry;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The audit log of administrative actions, for HR and auditors (SV-5). */
@Path("/api/audit-log")
@Produces(MediaType.APPLICATION_JSON)
public class AuditLogResource {

    static final int MAX_PAGE_SIZE = 200;

    /** One entry: who did what to which object, when and why. */
    public record Entry(long id, String actor, String actorRole, String action, String objectType, String objectId,
            String reason, String detail, OffsetDateTime at) {
    }

    @GET
    @RolesAllowed({Actor.HR, Actor.AUDITOR})
    @Transactional(Transactional.TxType.SUPPORTS)
    @Operation(summary = "Audit entries, newest first; filters objectType, objectId, actor; page, size ≤ 200")
    public List<Entry> search(@QueryParam("objectType") String objectType, @QueryParam("objectId") String objectId,
            @QueryParam("actor") String actor, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new BadRequestException("page ≥ 0 and 1 ≤ size ≤ " + MAX_PAGE_SIZE);
        }
        return AuditEntry.search(objectType, objectId, actor, page, size).stream()
                .map(entry -> new Entry(entry.id, entry.actor, entry.actorRole, entry.action, entry.objectType,
                        entry.objectId, entry.reason, entry.detail, entry.at)).toList();
    }
}
