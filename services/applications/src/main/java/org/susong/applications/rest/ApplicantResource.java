package org.susong.applications.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.susong.applications.application.ApplicantService;
import org.susong.applications.domain.AccountChange;
import org.susong.applications.domain.Applicant;
import org.susong.applications.domain.ApplicantType;
import org.susong.applications.domain.AuditEntry;
import org.susong.applications.domain.BankAccount;
import org.susong.applications.domain.PendingChangeKind;
import org.susong.applications.domain.Certification;
import org.susong.applications.domain.Contact;
import org.susong.applications.domain.RegisteredValue;
import org.susong.applications.domain.RegistrationChange;
import org.susong.applications.domain.UsccText;
import org.susong.commons.ids.District;
import org.susong.commons.ids.Uscc;
import org.susong.commons.rest.ListParams;
import org.susong.commons.rest.Page;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.CurrentUser;
import org.susong.commons.security.Principal;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.susong.commons.rest.ApiContract;

@Tag(name = "applicants", description = "Enterprises and institutions that apply, by USCC: registration, contact and certifications, maker-checker bank-account changes with a cooling-off period, and maker-checker changes of registered name or district.")
@Path("/applicants")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ApplicantResource {

    public record ContactRequest(@Size(max = 100) String person, @Pattern(regexp = "[0-9+() -]{5,30}") String phone,
                                 @Email @Size(max = 200) String email) {
        Contact toDomain() {
            return new Contact(person, phone, email);
        }
    }

    public record CertificationRequest(@NotBlank @Size(max = 60) String kind, @NotBlank @Size(max = 60) String number,
                                       @Min(1980) @Max(2100) Integer year) {
        Certification toDomain() {
            return new Certification(kind.trim(), number.trim(), year);
        }
    }

    /** A bank account: the account name must be the registered name; bankCode is the 12-digit CNAPS code. */
    @Schema(example = "{\"accountName\": \"厦门示例科技有限公司\", \"accountNumber\": \"35150198010000001234\", \"bankCode\": \"105393000013\", \"bankName\": \"China Construction Bank Xiamen Branch\"}")
    public record BankAccountRequest(@NotBlank @Size(max = 200) String accountName, @NotBlank @Size(max = 40) String accountNumber,
                                     @NotBlank String bankCode, @Size(max = 200) String bankName) {
        BankAccount toDomain() {
            return new BankAccount(accountName, accountNumber, bankCode, bankName, null);
        }

        /** Masked (issue 23 item 11), as {@link BankAccount#toString()}. */
        @Override
        public String toString() {
            return toDomain().toString();
        }
    }

    /** Registration of an applicant. {@code checkOverrideReason}: an officer's reason to accept a code whose check fails. */
    @Schema(example = """
            {"uscc": "91350200MA0000001W", "name": "厦门示例科技有限公司", "type": "ENTERPRISE", "district": "Huli",
             "contact": {"person": "Chen Li", "phone": "+86 592 555 0100", "email": "chen.li@example.cn"},
             "certifications": [{"kind": "HIGH_TECH_ENTERPRISE", "number": "GR202535000123", "year": 2025}],
             "bankAccount": {"accountName": "厦门示例科技有限公司", "accountNumber": "35150198010000001234",
                             "bankCode": "105393000013", "bankName": "China Construction Bank Xiamen Branch"}}""")
    public record RegisterApplicantRequest(
            @NotBlank @Size(max = 64) String uscc,
            @NotBlank @Size(max = 200) String name,
            @NotNull ApplicantType type,
            @NotNull District district,
            @Size(max = 500) String checkOverrideReason,
            @Valid ContactRequest contact,
            @Valid List<@Valid @NotNull CertificationRequest> certifications,
            @Valid BankAccountRequest bankAccount) {
    }

    @Schema(example = "{\"contact\": {\"person\": \"Lin Wei\", \"phone\": \"+86 592 555 0101\"}}")
    public record UpdateApplicantRequest(ApplicantType type, @Valid ContactRequest contact,
                                         @Valid List<@Valid @NotNull CertificationRequest> certifications) {
    }

    public record AccountView(String accountName, String accountNumberMasked, String bankCode, String bankName,
                              Instant effectiveAt) {
        static AccountView of(BankAccount b) {
            return b == null ? null : new AccountView(b.accountName(), b.maskedNumber(), b.bankCode(), b.bankName(),
                    b.effectiveAt());
        }
    }

    public record AccountChangeView(String id, AccountView account, String requestedBy, Instant requestedAt,
                                    String approvedBy, Instant approvedAt, Instant effectiveAt) {
        static AccountChangeView of(AccountChange c) {
            return c == null ? null : new AccountChangeView(c.id(), AccountView.of(c.account()), c.requestedBy(),
                    c.requestedAt(), c.approvedBy(), c.approvedAt(), c.effectiveAt());
        }
    }

    /** A registration change waiting for a second person's approval: a new name or a new district. */
    public record RegistrationChangeView(String id, String name, District district, String reason, String evidenceRef,
                                         String proposedBy, Instant proposedAt) {
        static RegistrationChangeView of(RegistrationChange c) {
            return c == null ? null : new RegistrationChangeView(c.id(), c.name(), c.district(), c.reason(), c.evidenceRef(),
                    c.proposedBy(), c.proposedAt());
        }
    }

    /** A name or district the applicant was registered under, from {@code effectiveFrom} until {@code effectiveUntil} (null: now). */
    public record RegisteredValueView(String field, String value, Instant effectiveFrom, Instant effectiveUntil,
                                      String changeId) {
        static List<RegisteredValueView> of(List<RegisteredValue> values) {
            java.util.List<RegisteredValueView> views = new java.util.ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                RegisteredValue v = values.get(i);
                Instant until = values.subList(i + 1, values.size()).stream().filter(n -> n.field().equals(v.field()))
                        .map(RegisteredValue::effectiveFrom).findFirst().orElse(null);
                views.add(new RegisteredValueView(v.field().wire(), v.value(), v.effectiveFrom(), until, v.changeId()));
            }
            return views;
        }
    }

    /**
     * {@code bankAccountReconfirmationRequired}: the saved account is under another name than the registered one (after
     * a name change); nothing is paid to it until it is re-confirmed by a bank-account change under the new name.
     */
    /** Whom to contact at the applicant. */
    @Schema(name = "Contact")
    public record ContactView(String person, String phone, String email) {
        static ContactView of(Contact c) {
            return c == null ? null : new ContactView(c.person(), c.phone(), c.email());
        }
    }

    /** A certification the applicant holds (kind, number, year). */
    @Schema(name = "Certification")
    public record CertificationView(String kind, String number, Integer year) {
        static CertificationView of(Certification c) {
            return new CertificationView(c.kind(), c.number(), c.year());
        }
    }

    public record ApplicantView(String uscc, String name, ApplicantType type, District district, boolean checkCharacterValid,
                                String checkOverrideReason, ContactView contact, List<CertificationView> certifications,
                                AccountView bankAccount, AccountChangeView pendingBankAccountChange, long version,
                                Instant registeredAt, boolean bankAccountReconfirmationRequired,
                                RegistrationChangeView pendingRegistrationChange,
                                List<RegisteredValueView> registrationHistory) {
        /** {@code a} as it stands now: an approved change past its cooling-off is shown as the account. */
        static ApplicantView of(Applicant a) {
            return new ApplicantView(a.uscc().value(), a.name(), a.type(), a.district(),
                    a.checkOverride() == null, a.checkOverride() == null ? null : a.checkOverride().reason(),
                    ContactView.of(a.contact()), a.certifications() == null ? null
                            : a.certifications().stream().map(CertificationView::of).toList(), AccountView.of(a.bankAccount()), AccountChangeView.of(a.pendingChange()),
                    a.version(), a.registeredAt(), a.accountReconfirmationRequired(),
                    RegistrationChangeView.of(a.pendingRegistrationChange()),
                    RegisteredValueView.of(a.registrationHistoryOrRegistration()));
        }
    }

    private final ApplicantService applicants;
    private final CurrentUser currentUser;

    ApplicantResource(ApplicantService applicants, CurrentUser currentUser) {
        this.applicants = applicants;
        this.currentUser = currentUser;
    }

    @Operation(operationId = "registerApplicant", summary = "Register an applicant",
            description = "By USCC (GB 32100-2015): a code whose check character fails is refused with 422 and "
                    + "`expectedCheckCharacter`, unless an officer gives `checkOverrideReason`. A bank account given here waits "
                    + "for a second officer's approval (maker-checker).")
    @APIResponse(responseCode = "201", description = "Registered", headers = @Header(name = "Location", ref = ApiContract.LOCATION),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApplicantView.class)))
    @POST
    @RolesAllowed({Principal.OFFICER, Principal.APPLICANT})
    public Response register(@Valid @NotNull RegisterApplicantRequest request) {
        Principal principal = currentUser.require();
        String uscc = UsccText.canonical(request.uscc());
        Uscc.shapeProblem(uscc).ifPresent(problem -> {
            throw ProblemException.badRequest("uscc", problem);
        });
        District district = request.district();
        Applicant applicant = applicants.register(principal, new ApplicantService.RegisterCommand(uscc,
                request.name(), request.type(), district, request.checkOverrideReason(),
                request.contact() == null ? null : request.contact().toDomain(),
                request.certifications() == null ? List.of() : request.certifications().stream()
                        .map(CertificationRequest::toDomain).toList(),
                request.bankAccount() == null ? null : request.bankAccount().toDomain()));
        return Response.created(URI.create("/applicants/" + applicant.uscc())).entity(view(applicant)).build();
    }

    /** An applicant with a change waiting for its checker (or, a bank account, in its cooling-off): the officers' queue. */
    public record PendingChangeView(String uscc, String name, ApplicantType type, District district,
                                    AccountChangeView pendingBankAccountChange,
                                    RegistrationChangeView pendingRegistrationChange) {
        static PendingChangeView of(Applicant a) {
            return new PendingChangeView(a.uscc().value(), a.name(), a.type(), a.district(),
                    AccountChangeView.of(a.pendingChange()), RegistrationChangeView.of(a.pendingRegistrationChange()));
        }
    }

    @Operation(operationId = "listPendingApplicantChanges", summary = "Applicants with a change waiting (officers' queue)",
            description = "`kind` `BANK_ACCOUNT` (a bank-account change awaiting its checker, or approved and in its "
                    + "cooling-off) or `REGISTRATION` (a new name or district awaiting its checker); oldest request first "
                    + "(ties by USCC), paged by a keyset cursor (`nextCursor`). An officer sees its district's, admins "
                    + "and auditors the city's. Account numbers masked.")
    @GET
    @Path("/pending-changes")
    @RolesAllowed({Principal.OFFICER, Principal.AUDITOR, Principal.ADMIN})
    public Page<PendingChangeView> pendingChanges(@QueryParam("kind") String kind, @QueryParam("cursor") String cursor,
                                                  @QueryParam("limit") Integer limit) {
        PendingChangeKind which = ListParams.oneOf("kind", kind, PendingChangeKind.class)
                .orElseThrow(() -> ProblemException.badRequest("kind", "kind is required: one of "
                        + java.util.Arrays.toString(PendingChangeKind.values())));
        return applicants.pendingChanges(currentUser.require(), which, cursor, ListParams.limit(limit))
                .map(PendingChangeView::of);
    }

    @Operation(operationId = "getApplicant", summary = "Read one applicant",
            description = "The account number is masked; an approved change past its cooling-off is shown as the account.")
    @GET
    @Path("/{uscc}")
    @RolesAllowed({Principal.OFFICER, Principal.APPLICANT, Principal.AUDITOR, Principal.ADMIN})
    public ApplicantView get(@PathParam("uscc") String uscc) {
        return view(applicants.visible(currentUser.require(), UsccText.canonical(uscc)));
    }

    /** Contact, type and certifications; each change is a new version with an audit entry. */
    @Operation(operationId = "updateApplicant", summary = "Change an applicant's type, contact or certifications",
            description = "Each change is a new version with an audit entry (see the history).")
    @PATCH
    @Path("/{uscc}")
    @RolesAllowed({Principal.OFFICER, Principal.APPLICANT})
    public ApplicantView update(@PathParam("uscc") String uscc, @Valid @NotNull UpdateApplicantRequest request) {
        Principal principal = currentUser.require();
        return view(applicants.update(principal, UsccText.canonical(uscc), new ApplicantService.UpdateCommand(request.type(),
                request.contact() == null ? null : request.contact().toDomain(),
                request.certifications() == null ? null : request.certifications().stream()
                        .map(CertificationRequest::toDomain).toList()), "UPDATED").applicant());
    }

    /** The audit entries in version order, paged: {@code {items, nextCursor}} ({@code limit} as the list's). */
    @Operation(operationId = "listApplicantHistory", summary = "An applicant's audit history",
            description = "Audit entries in version order, paged by cursor (`items`, `nextCursor`).")
    @GET
    @Path("/{uscc}/history")
    @RolesAllowed({Principal.OFFICER, Principal.AUDITOR, Principal.ADMIN})
    public Page<AuditEntry> history(@PathParam("uscc") String uscc, @QueryParam("cursor") String cursor,
                                     @QueryParam("limit") Integer limit) {
        return applicants.history(currentUser.require(), UsccText.canonical(uscc), cursor, ListParams.limit(limit));
    }

    /** Maker: an officer or the applicant itself requests a new bank account (the first one after registration, or a change). */
    @Operation(operationId = "requestBankAccountChange", summary = "Request a bank-account change (maker)",
            description = "An officer of the applicant's district or the applicant itself requests a new payee account; it "
                    + "waits for the approval of an officer of the district other than the maker, then a cooling-off "
                    + "period, before payments use it. A new request replaces a pending one nobody approved yet; the "
                    + "applicant replaces only its own (409 while someone else's waits).")
    @APIResponse(responseCode = "202", description = "Accepted: waiting for a second officer's approval",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApplicantView.class)))
    @POST
    @Path("/{uscc}/bank-account-changes")
    @RolesAllowed({Principal.OFFICER, Principal.APPLICANT})
    public Response requestAccountChange(@PathParam("uscc") String uscc, @Valid @NotNull BankAccountRequest request) {
        Principal principal = currentUser.require();
        Applicant applicant = applicants.requestAccountChange(principal, UsccText.canonical(uscc), request.toDomain());
        return Response.status(Response.Status.ACCEPTED).entity(view(applicant)).build();
    }

    /** Checker: a different officer approves; the account takes effect after the cooling-off period. */
    @Operation(operationId = "approveBankAccountChange", summary = "Approve a bank-account change (checker)",
            description = "A different officer than the maker (403 otherwise); the account takes effect after the cooling-off period.")
    @POST
    @Path("/{uscc}/bank-account-changes/{changeId}/approval")
    @RolesAllowed(Principal.OFFICER)
    public ApplicantView approveAccountChange(@PathParam("uscc") String uscc, @PathParam("changeId") String changeId) {
        Principal principal = currentUser.require();
        return view(applicants.approveAccountChange(principal, UsccText.canonical(uscc), changeId));
    }

    /** Why a bank-account change is rejected (kept in the history). */
    @Schema(example = "{\"reason\": \"the account name differs from the registered name\"}")
    public record RejectionRequest(@Size(max = 500) String reason) {
    }

    /**
     * Any officer of the applicant's district (the maker too) rejects a change not yet effective: unapproved, or
     * approved and in its cooling-off (which cancels it). A wrong first account never blocks the applicant.
     */
    @Operation(operationId = "rejectBankAccountChange", summary = "Reject a bank-account change",
            description = "Any officer of the applicant's district (the maker too), or the applicant itself, rejects a change not "
                    + "yet effective: unapproved, or approved and in its cooling-off (which cancels it).")
    @POST
    @Path("/{uscc}/bank-account-changes/{changeId}/rejection")
    @RolesAllowed({Principal.OFFICER, Principal.APPLICANT})
    public ApplicantView rejectAccountChange(@PathParam("uscc") String uscc, @PathParam("changeId") String changeId,
                                             @Valid RejectionRequest request) {
        Principal principal = currentUser.require();
        return view(applicants.rejectAccountChange(principal, UsccText.canonical(uscc), changeId,
                request == null ? null : request.reason()));
    }

    /**
     * A new registered name (with the evidence) or a new district - one of them -, and why. {@code district} is kept as
     * typed (exempt in ArchitectureTest): an unknown one is 422 naming it, with nothing applied (issue 20 item 6).
     */
    @Schema(example = "{\"name\": \"厦门示例新材料科技有限公司\", \"reason\": \"renamed by the market regulator\", "
            + "\"evidenceRef\": \"XM-AMR-2026-000123\"}")
    public record RegistrationChangeRequest(@Size(max = 200) String name,
                                            District district,
                                            @Size(max = 500) String reason, @Size(max = 200) String evidenceRef) {
    }

    /** Maker (issue 20 item 6): a new registered name or district, waiting for a second person's approval. */
    @Operation(operationId = "proposeRegistrationChange", summary = "Propose a change of registered name or district (maker)",
            description = "An officer of the applicant's district or an administrator proposes either a new `name` (with "
                    + "`evidenceRef`, the registration authority's notice) or a new `district`, with a `reason`. Nothing "
                    + "changes until a different person approves it. Refused with nothing written: an unknown district "
                    + "(400 `district`, as at registration), the same name or district (422), no reason (422 `reason`), a name without evidence "
                    + "(422 `evidenceRef`), another change waiting (409).")
    @APIResponse(responseCode = "202", description = "Accepted: waiting for a second person's approval",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApplicantView.class)))
    @POST
    @Path("/{uscc}/registration-changes")
    @RolesAllowed({Principal.OFFICER, Principal.ADMIN})
    public Response proposeRegistrationChange(@PathParam("uscc") String uscc,
                                              @Valid @NotNull RegistrationChangeRequest request) {
        Principal principal = currentUser.require();
        Applicant applicant = applicants.proposeRegistrationChange(principal, UsccText.canonical(uscc),
                new ApplicantService.RegistrationChangeCommand(request.name(), request.district(), request.reason(),
                        request.evidenceRef()));
        return Response.status(Response.Status.ACCEPTED).entity(view(applicant)).build();
    }

    /** Checker: a different person approves; a district change moves the open applications to the new district. */
    @Operation(operationId = "approveRegistrationChange", summary = "Approve a change of registered name or district (checker)",
            description = "An officer of the applicant's district or an administrator other than the maker (409 for the "
                    + "maker). The value takes effect now and the old one stays in `registrationHistory`. A new name holds "
                    + "an account under the old name (`bankAccountReconfirmationRequired`: no payee snapshot until a "
                    + "bank-account change under the new name takes effect); a new district moves the applicant's open "
                    + "applications to that district's officers. Publishes `ApplicantRenamed` or `ApplicantDistrictChanged`.")
    @POST
    @Path("/{uscc}/registration-changes/{changeId}/approval")
    @RolesAllowed({Principal.OFFICER, Principal.ADMIN})
    public ApplicantView approveRegistrationChange(@PathParam("uscc") String uscc, @PathParam("changeId") String changeId) {
        return view(applicants.approveRegistrationChange(currentUser.require(), UsccText.canonical(uscc), changeId));
    }

    /** Anyone who may propose (the maker too) drops a waiting change, with a reason kept in the history. */
    @Operation(operationId = "rejectRegistrationChange", summary = "Reject a change of registered name or district",
            description = "An officer of the applicant's district or an administrator (the maker too) rejects a change "
                    + "waiting for approval; the reason (422 without) is kept in the history.")
    @POST
    @Path("/{uscc}/registration-changes/{changeId}/rejection")
    @RolesAllowed({Principal.OFFICER, Principal.ADMIN})
    public ApplicantView rejectRegistrationChange(@PathParam("uscc") String uscc, @PathParam("changeId") String changeId,
                                                  @Valid RejectionRequest request) {
        return view(applicants.rejectRegistrationChange(currentUser.require(), UsccText.canonical(uscc), changeId,
                request == null ? null : request.reason()));
    }

    private ApplicantView view(Applicant applicant) {
        return ApplicantView.of(applicants.asOfNow(applicant));
    }
}
