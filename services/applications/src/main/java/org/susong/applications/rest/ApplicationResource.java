package org.susong.applications.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.susong.applications.application.ApplicationQueries;
import org.susong.applications.application.ApplicationService;
import org.susong.applications.application.LifecycleService;
import org.susong.applications.domain.Application;
import org.susong.applications.domain.ApplicationStatus;
import org.susong.applications.domain.Attachment;
import org.susong.applications.domain.Listing;
import org.susong.applications.domain.UsccText;
import org.susong.commons.ids.District;
import org.susong.commons.rest.ListParams;
import org.susong.commons.rest.Page;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.CurrentUser;
import org.susong.commons.security.Principal;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.susong.commons.rest.ApiContract;

@Tag(name = "applications", description = "Applications for a support measure: submission, drafts, portal lists, withdrawal and appeal. Statuses follow the facts eligibility and payments send (ApplicationStatus).")
@Path("/applications")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApplicationResource {

    /** Metadata of a document: the file stays with the applicant, the hash pins which one was meant. */
    public record AttachmentRequest(@NotBlank @Size(max = 255) String fileName,
                                    @NotBlank @Pattern(regexp = "[0-9a-fA-F]{64}", message = "must be 64 hex digits (SHA-256)") String sha256,
                                    @Positive long sizeBytes, @NotBlank @Size(max = 40) String kind) {
        Attachment toDomain() {
            return new Attachment(fileName.trim(), sha256.toLowerCase(), sizeBytes, kind.trim());
        }
    }

    /**
     * {@code period}: the business year the application is for, one of the measure's (its validity window up to
     * now), the current business year when absent - checked by the service (400/422 {@code period});
     * {@code draft}: keep without submitting.
     */
    @Schema(description = "An application for one measure and business year", example = """
            {"applicantUscc": "91350200MA0000001W", "measureCode": "B1", "period": "2026",
             "facts": {"category": "HIGH_TECH_ENTERPRISE", "certificateNumber": "GR202535000123", "certificationYear": 2025,
                       "certificationKind": "FIRST"},
             "attachments": [{"fileName": "certificate.pdf", "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                              "sizeBytes": 183204, "kind": "CERTIFICATE"}], "draft": false}""")
    public record SubmitApplicationRequest(
            @NotBlank @Size(max = 64) String applicantUscc,
            @NotBlank @Size(max = 16) String measureCode,
            @Size(max = 20) String period,
            @NotNull Map<String, Object> facts,
            @Valid List<@Valid @NotNull AttachmentRequest> attachments,
            Boolean draft) {
    }

    @Schema(example = "{\"reason\": \"the company no longer qualifies: it moved to Fuzhou\"}")
    public record WithdrawalRequest(@NotBlank @Size(max = 500) String reason) {
    }

    @Schema(example = "{\"grounds\": \"the certificate was renewed on 2026-03-01; a copy is attached to the file\", "
            + "\"documents\": [{\"fileName\": \"certificate.pdf\", \"sha256\": "
            + "\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\", \"sizeBytes\": 182044, \"kind\": \"CERTIFICATE\"}]}")
    public record AppealRequest(@NotBlank @Size(max = 2000) String grounds,
                                @Schema(description = "The applicant's document references for the officer (metadata only)")
                                @Size(max = 20) @Valid List<@Valid @NotNull AttachmentRequest> documents) {
    }

    public record TimelineEntry(Instant at, @Schema(description = "The kind of fact") String kind,
                                @Schema(implementation = ApplicationStatus.class) String status, String actor, String cause, String detail,
                                int round, String decisionId) {
    }

    public record PayeeView(String decisionId, String accountName, String accountNumberMasked, String bankCode,
                            Instant snapshottedAt) {
    }

    /** A document's metadata as an application lists it (the file stays with the applicant). */
    @Schema(name = "Attachment")
    public record AttachmentEntry(String fileName, String sha256, long sizeBytes, String kind) {
        static AttachmentEntry of(Attachment a) {
            return new AttachmentEntry(a.fileName(), a.sha256(), a.sizeBytes(), a.kind());
        }
    }

    @Schema(description = "An application as it stands, with its timeline")
    public record ApplicationView(String id, String applicantUscc, String measureCode, District district, String period,
                                  @Schema(implementation = ApplicationStatus.class) String status, boolean withdrawalPending,
                                  Map<String, Object> facts,
                                  List<AttachmentEntry> attachments, Instant createdAt, Instant submittedAt, String proposalId,
                                  boolean systemInitiated, List<PayeeView> payeeSnapshots, List<TimelineEntry> timeline,
                                  @Schema(description = "The rejected application this one resubmits") String resubmissionOf,
                                  @Schema(description = "The application this rejected one was resubmitted as (it is CLOSED by it)")
                                  String resubmittedAs) {
        static ApplicationView of(Application a) {
            return new ApplicationView(a.id(), a.applicantUscc(), a.measureCode(), a.district(), a.period(),
                    a.status().name(), a.withdrawalPending(), a.facts(),
                    a.attachments().stream().map(AttachmentEntry::of).toList(), a.createdAt(),
                    a.submittedAt().orElse(null), a.proposalId(), a.systemInitiated(),
                    a.payeeSnapshots().stream().map(s -> new PayeeView(s.decisionId(), s.accountName(), s.maskedNumber(),
                            s.bankCode(), s.snapshottedAt())).toList(),
                    a.timeline().stream().map(f -> new TimelineEntry(f.at(), f.kind(), f.status() == null ? null
                            : f.status().name(), f.actor(), f.eventId(), f.detail(), f.round(), f.decisionId())).toList(),
                    a.resubmissionOf().orElse(null), a.resubmittedAs().orElse(null));
        }
    }

    public record ViewEntry(String actor, Instant at) {
    }

    /** One row of the portal list. */
    public record Row(String id, String applicantUscc, String measureCode, District district, String period, String status,
                      Instant createdAt, Instant submittedAt, String proposalId) {
        static Row of(Listing.Row r) {
            return new Row(r.id(), r.applicantUscc(), r.measureCode(), r.district(), r.period(), r.status(), r.createdAt(),
                    r.submittedAt(), r.proposalId());
        }
    }

    /** How many applications of a measure are in a status. */
    public record Count(String status, String measureCode, long count) {
        static Count of(Listing.Count c) {
            return new Count(c.status(), c.measureCode(), c.count());
        }
    }

    public record CountsView(List<Count> counts, Map<String, Long> byStatus, Map<String, Long> byMeasure, long total) {
    }

    /** The answer to a submission: the new application's id and status. */
    @Schema(example = "{\"id\": \"APP-7Q2M4K9D\", \"status\": \"SUBMITTED\"}")
    public record SubmittedView(String id, @Schema(implementation = ApplicationStatus.class) String status) {
    }

    private final ApplicationService applications;
    private final LifecycleService lifecycle;
    private final ApplicationQueries queries;
    private final CurrentUser currentUser;

    ApplicationResource(ApplicationService applications, LifecycleService lifecycle, ApplicationQueries queries,
                        CurrentUser currentUser) {
        this.applications = applications;
        this.lifecycle = lifecycle;
        this.queries = queries;
        this.currentUser = currentUser;
    }

    /**
     * Submits an application (or keeps a draft). With an {@code Idempotency-Key}, a repeat of the
     * same body returns the original answer, a different body under the same key is refused with
     * 422, and a repeat while the first is still being served gets 409.
     */
    @Operation(operationId = "submitApplication", summary = "Submit an application (or keep it as a draft)",
            description = "Officers (for their district) and applicants (for themselves) submit; `draft: true` keeps it "
                    + "without submitting. With an `Idempotency-Key`, a repeat of the same body returns the original answer "
                    + "(`Idempotent-Replayed: true`), a different body under the same key is refused with 422, and a repeat while "
                    + "the first is still being served gets 409.")
    @APIResponse(responseCode = "201", description = "Created (or the original answer to a replayed Idempotency-Key)",
            headers = {@Header(name = "Location", ref = ApiContract.LOCATION),
                    @Header(name = "Idempotent-Replayed", ref = ApiContract.IDEMPOTENT_REPLAYED)},
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SubmittedView.class)))
    @POST
    @RolesAllowed({Principal.OFFICER, Principal.APPLICANT})
    public Response submit(@HeaderParam("Idempotency-Key") @Size(max = 100) String idempotencyKey,
                           @Valid @NotNull SubmitApplicationRequest request) {
        Principal principal = currentUser.require();
        ApplicationService.Submitted submitted = applications.submit(principal, new ApplicationService.SubmitCommand(
                UsccText.canonical(request.applicantUscc()), request.measureCode().trim(), request.period(), request.facts(),
                request.attachments() == null ? List.of() : request.attachments().stream().map(AttachmentRequest::toDomain)
                        .toList(), Boolean.TRUE.equals(request.draft())), idempotencyKey);
        return created(submitted.id(), submitted.replayed(), new SubmittedView(submitted.id(), submitted.status()));
    }

    /** 201 for a new application (or the replayed answer of an Idempotency-Key), with its Location. */
    static Response created(String id, boolean replayed, Object view) {
        return Response.status(Response.Status.CREATED)
                .location(URI.create("/applications/" + id))
                .header("Idempotent-Replayed", String.valueOf(replayed))
                .entity(view)
                .build();
    }

    /**
     * Portal list: filters (district in any case, status, measure, applicant, year, creation dates from/to),
     * newest first (ties by id), keyset cursor. District officers see only their district.
     */
    @Operation(operationId = "listApplications", summary = "List applications (portal list)",
            description = "Filtered by district, status, measure, applicant, year and creation dates (from/to, inclusive); "
                    + "newest first (ties by id), paged by a keyset cursor (`nextCursor`). District officers see only "
                    + "their district, applicants only their own.")
    @GET
    @RolesAllowed({Principal.OFFICER, Principal.APPLICANT, Principal.AUDITOR, Principal.ADMIN})
    public Page<Row> list(@QueryParam("district") String district, @QueryParam("status") String status,
                                  @QueryParam("measure") String measure, @QueryParam("applicant") String applicant,
                                  @QueryParam("year") Integer year, @QueryParam("from") String from,
                                  @QueryParam("to") String to, @QueryParam("cursor") String cursor,
                                  @QueryParam("limit") Integer limit) {
        Principal principal = currentUser.require();
        return queries.page(principal, filter(district, status, measure, applicant, year, from, to), cursor,
                ListParams.limit(limit)).map(Row::of);
    }

    /** The same list as CSV (UTF-8 with BOM, so spreadsheet programs read Chinese text right), all pages. */
    @Operation(operationId = "exportApplicationsCsv", summary = "Export the application list as CSV",
            description = "The same filters and scope as the list, all pages, as UTF-8 CSV with a byte-order mark (so spreadsheet "
                    + "programs read Chinese text right); cells that a spreadsheet would run as a formula are prefixed with '.")
    @APIResponse(responseCode = "200", description = "The CSV file (attachment applications.csv)",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "csv", value = "id,applicantUscc,measureCode,district,period,status,createdAt,"
                            + "submittedAt,proposalId\r\nAPP-7Q2M4K9D,91350200MA0000001W,B1,Huli,2026,SUBMITTED,"
                            + "2026-06-15T02:00:00Z,2026-06-15T02:00:00Z,\r\n")))
    @GET
    @Path("/export.csv")
    @Produces("text/csv")
    @RolesAllowed({Principal.OFFICER, Principal.APPLICANT, Principal.AUDITOR, Principal.ADMIN})
    public Response export(@QueryParam("district") String district, @QueryParam("status") String status,
                           @QueryParam("measure") String measure, @QueryParam("applicant") String applicant,
                           @QueryParam("year") Integer year, @QueryParam("from") String from,
                           @QueryParam("to") String to) {
        Principal principal = currentUser.require();
        Listing.Filter filter = filter(district, status, measure, applicant, year, from, to);
        queries.checkScope(principal, filter); // refused before streaming starts
        StreamingOutput body = out -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            writer.write('\uFEFF');
            writer.write("id,applicantUscc,measureCode,district,period,status,createdAt,submittedAt,proposalId\r\n");
            queries.export(principal, filter, row -> {
                try {
                    writer.write(String.join(",", csv(row.id()), csv(row.applicantUscc()), csv(row.measureCode()),
                            csv(row.district()), csv(row.period()), csv(row.status()), csv(row.createdAt()),
                            csv(row.submittedAt()), csv(row.proposalId())));
                    writer.write("\r\n");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            writer.flush();
        };
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"applications.csv\"").build();
    }

    /** Counts per status and measure for dashboards, with the same filters and scope as the list. */
    @Operation(operationId = "countApplications", summary = "Count applications per status and measure",
            description = "For dashboards: the same filters and scope as the list.")
    @GET
    @Path("/counts")
    @RolesAllowed({Principal.OFFICER, Principal.APPLICANT, Principal.AUDITOR, Principal.ADMIN})
    public CountsView counts(@QueryParam("district") String district, @QueryParam("status") String status,
                             @QueryParam("measure") String measure, @QueryParam("applicant") String applicant,
                             @QueryParam("year") Integer year, @QueryParam("from") String from,
                             @QueryParam("to") String to) {
        Principal principal = currentUser.require();
        List<Listing.Count> counts = queries.counts(principal, filter(district, status, measure, applicant, year, from,
                to));
        Map<String, Long> byStatus = new java.util.TreeMap<>();
        Map<String, Long> byMeasure = new java.util.TreeMap<>();
        long total = 0;
        for (Listing.Count c : counts) {
            byStatus.merge(c.status(), c.count(), Long::sum);
            byMeasure.merge(c.measureCode(), c.count(), Long::sum);
            total += c.count();
        }
        return new CountsView(counts.stream().map(Count::of).toList(), byStatus, byMeasure, total);
    }

    @Operation(operationId = "getApplication", summary = "Read one application",
            description = "With its facts, attachments, payee snapshots and timeline. Each read by an officer, admin or auditor is "
                    + "recorded (see the views).")
    @GET
    @Path("/{id}")
    @RolesAllowed({Principal.OFFICER, Principal.APPLICANT, Principal.AUDITOR, Principal.ADMIN})
    public ApplicationView get(@PathParam("id") String id) {
        return ApplicationView.of(lifecycle.view(currentUser.require(), id));
    }

    /** Who viewed the application and when (officers, admins, auditors), paged: {@code {items, nextCursor}}. */
    @Operation(operationId = "listApplicationViews", summary = "Who viewed the application and when",
            description = "Officers, admins and auditors; paged by cursor (`items`, `nextCursor`).")
    @GET
    @Path("/{id}/views")
    @RolesAllowed({Principal.OFFICER, Principal.AUDITOR, Principal.ADMIN})
    public Page<ViewEntry> views(@PathParam("id") String id, @QueryParam("cursor") String cursor,
                                  @QueryParam("limit") Integer limit) {
        Page<org.susong.applications.domain.Viewed> page = lifecycle.views(currentUser.require(), id, cursor,
                ListParams.limit(limit));
        return page.map(v -> new ViewEntry(v.actor(), v.at()));
    }

    /** DRAFT -> SUBMITTED. */
    @Operation(operationId = "submitDraftApplication", summary = "Submit a draft",
            description = "DRAFT -> SUBMITTED; 409 (with `currentStatus`) for an application that is no draft.")
    @POST
    @Path("/{id}/submission")
    @RolesAllowed({Principal.OFFICER, Principal.APPLICANT})
    public ApplicationView submitDraft(@PathParam("id") String id) {
        return ApplicationView.of(applications.submitDraft(currentUser.require(), id));
    }

    /** Asks for withdrawal; payments accepts or refuses (a draft is withdrawn at once). 202 with the application. */
    @Operation(operationId = "withdrawApplication", summary = "Ask to withdraw an application",
            description = "A draft (or an application nothing was paid for yet in this service's view) is withdrawn at once (200); "
                    + "otherwise payments accepts or refuses the request (202, `withdrawalPending: true`).")
    @APIResponse(responseCode = "200", description = "Withdrawn at once",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApplicationView.class)))
    @APIResponse(responseCode = "202", description = "Accepted: payments decides, the timeline shows the answer",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApplicationView.class)))
    @POST
    @Path("/{id}/withdrawal")
    @RolesAllowed({Principal.OFFICER, Principal.APPLICANT})
    public Response withdraw(@PathParam("id") String id, @Valid @NotNull WithdrawalRequest request) {
        Application application = lifecycle.withdraw(currentUser.require(), id, request.reason());
        return Response.status(application.status() == ApplicationStatus.WITHDRAWN ? 200 : 202)
                .entity(ApplicationView.of(application)).build();
    }

    /** Appeals a decision; an officer weighs it in eligibility. */
    @Operation(operationId = "appealApplication", summary = "Appeal a decision",
            description = "A REJECTED application, or an APPROVED one not yet paid (WAITLISTED, IN_PUBLIC_NOTICE, "
                    + "PAYMENT_SCHEDULED); 409 with `currentStatus` otherwise. Filed by the decision's `appealDeadline` "
                    + "(60 days from the notice) on the business date: later, 422 `field` appealDeadline with "
                    + "`appealDeadline`. An officer weighs the appeal in eligibility's review queue (upheld or re-decided) "
                    + "in a new round.")
    @APIResponse(responseCode = "202", description = "Accepted: an officer weighs the appeal, the status becomes APPEALED",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApplicationView.class)))
    @POST
    @Path("/{id}/appeal")
    @RolesAllowed({Principal.OFFICER, Principal.APPLICANT})
    public Response appeal(@PathParam("id") String id, @Valid @NotNull AppealRequest request) {
        Application application = lifecycle.appeal(currentUser.require(), id, request.grounds(),
                request.documents() == null ? List.of() : request.documents().stream().map(AttachmentRequest::toDomain)
                        .toList());
        return Response.status(202).entity(ApplicationView.of(application)).build();
    }

    private static Listing.Filter filter(String district, String status, String measure, String applicant, Integer year,
                                         String from, String to) {
        ListParams.Dates dates = ListParams.dates(from, to);
        return new Listing.Filter(ListParams.district("district", district).orElse(null),
                ListParams.oneOf("status", status, ApplicationStatus.class).map(Enum::name).orElse(null),
                blankToNull(measure), UsccText.canonical(blankToNull(applicant)), year, dates.from().orElse(null),
                dates.to().orElse(null));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    /**
     * RFC 4180 quoting; a leading =, +, - or @ - or a tab or carriage return, which spreadsheets skip before
     * running what follows - is prefixed with ' so spreadsheets do not run it as a formula.
     */
    static String csv(Object value) {
        return org.susong.commons.rest.CsvCells.cell(value);
    }
}
