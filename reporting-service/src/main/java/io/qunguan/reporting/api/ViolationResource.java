package io.qunguan.reporting.api;

import io.qunguan.reporting.domain.ViolationQuery;
import io.qunguan.reporting.domain.ViolationReports;
import io.qunguan.reporting.domain.ViolationView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Violations for HR and auditors (SV-1, SV-5). Evidence is masked, the raw message is never here, and every read is
 * audited.
 */
@Path("/api/violations")
@Produces(MediaType.APPLICATION_JSON)
public class ViolationResource {

    /**
     * A violation as the API shows it.
     *
     * @param rules    every rule the message broke, the most serious ({@code ruleId}) first
     * @param offence  the offender's offence number in the ladder's window; 0 for a violation only recorded
     * @param sanction the sanction's kind, null for a violation only recorded; {@code muteMinutes} and {@code fineYuan}
     *                 give a mute's duration and a fine's or penalty red packet's amount
     * @param reversedAt when an upheld appeal reversed it (SV-6), with {@code reversalReason}; null while it stands
     */
    public record ViolationDto(UUID id, String ruleId, List<String> rules, String category, String severity,
            String groupId, String platform, String chatId, String memberId, String employeeId, String memberName,
            String messageId, String evidence, String policyType, int policyVersion, boolean companyDefaultPolicy,
            int offence, String sanction, Integer muteMinutes, Integer fineYuan, OffsetDateTime openedAt,
            OffsetDateTime reversedAt, String reversalReason) {

        static ViolationDto of(ViolationView view) {
            return new ViolationDto(view.id, view.ruleId, view.rules, view.category, view.severity, view.groupId,
                    view.platform, view.chatId, view.memberId, view.employeeId, view.memberName, view.messageId,
                    view.maskedEvidence, view.policyType, view.policyVersion, view.companyDefault, view.offence,
                    view.sanction, view.sanctionMinutes, view.sanctionYuan, view.openedAt, view.reversedAt,
                    view.reversalReason);
        }
    }

    /** One page of violations, newest first. */
    public record ViolationPageDto(List<ViolationDto> items, int page, int size, long total) {
    }

    private final ViolationReports reports;
    private final JsonWebToken caller;

    public ViolationResource(ViolationReports reports, JsonWebToken caller) {
        this.reports = reports;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({"hr", "auditor"})
    @Operation(summary = "List violations, filtered by group, member, rule and time range; newest first")
    public ViolationPageDto list(@QueryParam("groupId") String groupId, @QueryParam("memberId") String memberId,
            @QueryParam("ruleId") String ruleId, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("page") @DefaultValue("0") int page, @QueryParam("size") @DefaultValue("50") int size) {
        if (page < 0 || size < 1) {
            throw new BadRequestException("page must be ≥ 0 and size ≥ 1");
        }
        ViolationQuery query = new ViolationQuery(Optional.ofNullable(groupId), Optional.ofNullable(memberId),
                Optional.ofNullable(ruleId), time("from", from), time("to", to), page,
                Math.min(size, ViolationQuery.MAX_SIZE));
        ViolationReports.PageOf result = reports.readBy(query, caller.getName(), caller.getGroups());
        return new ViolationPageDto(result.items().stream().map(ViolationDto::of).toList(), result.page(),
                result.size(), result.total());
    }

    private static Optional<OffsetDateTime> time(String name, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value));
        } catch (DateTimeParseException e) {
            throw new BadRequestException(name + " must be ISO-8601 with an offset");
        }
    }
}
