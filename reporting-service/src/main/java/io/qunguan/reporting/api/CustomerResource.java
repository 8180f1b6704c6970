package io.qunguan.reporting.api;

import io.qunguan.reporting.domain.customers.CustomerFiles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Customer files (MK-3): the external contacts of customer groups, and each one's file. */
@Path("/api/customers")
@Produces(MediaType.APPLICATION_JSON)
public class CustomerResource {

    private final CustomerFiles files;
    private final JsonWebToken caller;

    public CustomerResource(CustomerFiles files, JsonWebToken caller) {
        this.files = files;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({"hr", "auditor", "dept-head"})
    @Operation(summary = "The customers of customer groups in a period (the last 365 days when absent), optionally of "
            + "one group, the most recent first: HR and auditors every one, a department head those of their "
            + "department's groups")
    public List<CustomerFiles.Customer> customers(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("groupId") String groupId) {
        OffsetDateTime[] period = period(from, to);
        return files.customers(period[0], period[1], ArchiveResource.blankToNull(groupId), who());
    }

    @GET
    @Path("/{customerId}")
    @RolesAllowed({"hr", "auditor", "dept-head"})
    @Operation(summary = "A customer's file (customerId is <platform>:<userId>): interactions per group, the staff's "
            + "replies to them (BH-9) with the median, the marketing they received; message text for auditors only, "
            + "and their read is logged")
    public CustomerFiles.File file(@PathParam("customerId") String customerId, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        OffsetDateTime[] period = period(from, to);
        return files.file(customerId, period[0], period[1], who())
                .orElseThrow(() -> new NotFoundException("no customer " + customerId + " you may see"));
    }

    private CustomerFiles.Caller who() {
        return new CustomerFiles.Caller(caller.getName(), caller.getGroups(), caller.getClaim("dept"));
    }

    private static OffsetDateTime[] period(String from, String to) {
        OffsetDateTime until = ResponsivenessResource.time("to", to, OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(1));
        OffsetDateTime since = ResponsivenessResource.time("from", from, until.minusDays(365));
        if (!since.isBefore(until)) {
            throw new BadRequestException("from must be before to");
        }
        return new OffsetDateTime[] {since, until};
    }
}
