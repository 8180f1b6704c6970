package io.qunguan.reporting.api;

import io.qunguan.reporting.domain.rebuild.Rebuild;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Operations on the read models. */
@Path("/api/operator")
@Produces(MediaType.APPLICATION_JSON)
public class OperatorResource {

    private final Rebuild rebuild;

    public OperatorResource(Rebuild rebuild) {
        this.rebuild = rebuild;
    }

    @POST
    @Path("/rebuild")
    @RolesAllowed("operator")
    @Operation(summary = "Rebuilds the read models (violations, response times, the group and directory replicas) from "
            + "the start of their topics into a fresh schema rebuild_<time>, leaving the live tables as they are, "
            + "and compares the two row for row; drop the schema when done")
    public Rebuild.Result rebuild() {
        return rebuild.run();
    }
}
