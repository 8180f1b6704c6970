package io.qunguan.eventing;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Auditors' view of who read violation evidence in this service, newest first. */
@Path("/api/evidence-reads")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("auditor")
public class EvidenceReadResource {

    static final int MAX_LIMIT = 1_000;

    private final EvidenceReads reads;

    public EvidenceReadResource(EvidenceReads reads) {
        this.reads = reads;
    }

    @GET
    public List<EvidenceReads.EvidenceRead> list(@QueryParam("reader") String reader,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadRequestException("limit must be 1 to " + MAX_LIMIT);
        }
        return reads.list(reader == null || reader.isBlank() ? null : reader.strip(), limit);
    }
}
