package io.qunguan.group.api;

import io.qunguan.group.domain.Actor;
import io.qunguan.group.domain.accounts.WorkAccounts;
import io.qunguan.group.domain.accounts.WorkAccounts.Application;
import io.qunguan.group.domain.accounts.WorkAccounts.View;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Work IM accounts (AC-1..5): application, review, approval, allocation, loss. */
@Path("/api/work-accounts")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Actor.HR, Actor.AUDITOR, Actor.DEPT_HEAD, Actor.GROUP_OWNER, Actor.EMPLOYEE})
public class WorkAccountResource {

    /** A decision with its reason. */
    public record Decision(Boolean approve, String reason) {
    }

    /** The platform user id HR allocates. */
    public record Allocation(String platformUserId) {
    }

    /** What happened to a lost or stolen account. */
    public record Loss(String detail) {
    }

    private final WorkAccounts accounts;
    private final Callers callers;

    public WorkAccountResource(WorkAccounts accounts, Callers callers) {
        this.accounts = accounts;
        this.callers = callers;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Actor.HR, Actor.DEPT_HEAD, Actor.GROUP_OWNER, Actor.EMPLOYEE})
    @Operation(summary = "Apply for a work account with a reason and period, acknowledging work-only and no lending "
            + "(AC-1, AC-2)")
    public Response apply(Application application) {
        View view = accounts.apply(application, callers.current());
        return Response.created(URI.create("/api/work-accounts/" + view.id())).entity(view).build();
    }

    @GET
    @Operation(summary = "Accounts the caller may see: HR and auditors all, department heads their department's, "
            + "anyone their own")
    public List<View> list() {
        return accounts.list(callers.current());
    }

    @GET
    @Path("/{id}")
    public View account(@PathParam("id") String id) {
        return accounts.find(id, callers.current()).orElseThrow(NotFoundException::new);
    }

    @POST
    @Path("/{id}/review")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Actor.HR, Actor.DEPT_HEAD, Actor.GROUP_OWNER, Actor.EMPLOYEE})
    @Operation(summary = "The applicant's department head reviews, with a reason (AC-1)")
    public View review(@PathParam("id") String id, Decision decision) {
        return accounts.review(id, approval(decision), decision.reason(), callers.current())
                .orElseThrow(NotFoundException::new);
    }

    @POST
    @Path("/{id}/approval")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Actor.HR, Actor.DEPT_HEAD, Actor.GROUP_OWNER, Actor.EMPLOYEE})
    @Operation(summary = "A company leader approves, with a reason (AC-1)")
    public View approve(@PathParam("id") String id, Decision decision) {
        return accounts.approve(id, approval(decision), decision.reason(), callers.current())
                .orElseThrow(NotFoundException::new);
    }

    @POST
    @Path("/{id}/allocation")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Actor.HR)
    @Operation(summary = "HR allocates the platform account, or re-allocates a recovered lost one (AC-1, AC-4)")
    public View allocate(@PathParam("id") String id, Allocation allocation) {
        return accounts.allocate(id, allocation == null ? null : allocation.platformUserId(), callers.current())
                .orElseThrow(NotFoundException::new);
    }

    @POST
    @Path("/{id}/loss")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Actor.HR, Actor.DEPT_HEAD, Actor.GROUP_OWNER, Actor.EMPLOYEE})
    @Operation(summary = "Report the account lost or stolen; the owners of its groups are told (AC-4)")
    public View reportLost(@PathParam("id") String id, Loss loss) {
        return accounts.reportLost(id, loss == null ? null : loss.detail(), callers.current())
                .orElseThrow(NotFoundException::new);
    }

    private static boolean approval(Decision decision) {
        if (decision == null || decision.approve() == null) {
            throw new BadRequestException("a body {approve: true|false, reason} is required");
        }
        return decision.approve();
    }
}
