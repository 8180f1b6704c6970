package io.qunguan.group.api;

import io.qunguan.group.domain.Actor;
import io.qunguan.group.domain.groups.GroupTasks;
import io.qunguan.group.domain.groups.GroupTasks.TaskView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Work handed to owners and HR: the caller's open tasks, and closing one with a note. */
@Path("/api/tasks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Actor.HR, Actor.AUDITOR, Actor.DEPT_HEAD, Actor.GROUP_OWNER, Actor.EMPLOYEE})
public class TaskResource {

    /** How a task ends. */
    public record Resolution(Boolean done, String note) {
    }

    private final GroupTasks tasks;
    private final Callers callers;

    public TaskResource(GroupTasks tasks, Callers callers) {
        this.tasks = tasks;
        this.callers = callers;
    }

    @GET
    @Operation(summary = "The caller's open tasks (HR: with HR's queue; ?everyone=true for HR and auditors: all)")
    public List<TaskView> open(@QueryParam("everyone") boolean everyone) {
        return tasks.listOpen(callers.current(), everyone);
    }

    @POST
    @Path("/{id}/resolution")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Actor.HR, Actor.DEPT_HEAD, Actor.GROUP_OWNER, Actor.EMPLOYEE})
    @Operation(summary = "Close a task as done (done: true) or dismissed (done: false), with a note")
    public TaskView resolve(@PathParam("id") long id, Resolution resolution) {
        if (resolution == null || resolution.done() == null) {
            throw new BadRequestException("a body {done: true|false, note} is required");
        }
        return tasks.resolve(id, resolution.done(), resolution.note(), callers.current())
                .orElseThrow(NotFoundException::new);
    }
}
