package io.qunguan.moderation.api;

import io.qunguan.moderation.domain.policy.GroupPolicies;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The policy moderation-service applies to a group now (GL-7): what HR and operators check after changing a type's
 * policy or a group's overrides, since it reaches moderation through {@code group.state}, not at once.
 */
@Path("/api/groups/{groupId}/moderation-policy")
@Produces(MediaType.APPLICATION_JSON)
public class GroupPolicyResource {

    private final GroupPolicies policies;

    public GroupPolicyResource(GroupPolicies policies) {
        this.policies = policies;
    }

    @GET
    @RolesAllowed({"hr", "auditor", "operator"})
    @Operation(summary = "The moderation policy applied to a group, or the company default for a chat key "
            + "(<platform>:<chatId>) no group holds")
    public GroupPolicies.Described get(@PathParam("groupId") String groupId) {
        return policies.describe(groupId).orElseThrow(() -> new NotFoundException(
                "no group " + groupId + " in moderation-service's replica of group.state"));
    }
}
