package org.susong.applications.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.susong.applications.config.ApplicationsConfig;
import org.susong.applications.domain.Applicant;
import org.susong.applications.domain.ApplicantType;
import org.susong.applications.domain.Application;
import org.susong.applications.domain.ApplicationStatus;
import org.susong.applications.domain.UsccText;
import org.susong.applications.domain.Contact;
import org.susong.applications.domain.IllegalTransition;
import org.susong.applications.persistence.ApplicationRepository;
import org.susong.commons.ids.CanonicalJson;
import org.susong.commons.ids.District;
import org.susong.commons.ids.Uscc;
import org.susong.commons.ids.UsccOverride;
import org.susong.commons.messaging.TransientFailure;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.Principal;

/**
 * Bulk import for district offices moving from spreadsheets. Every row is validated on its own and
 * reported; rows are keyed by their business key (USCC; applicant + measure + period), so the same
 * file imported twice changes nothing the second time and a corrected file updates what changed.
 * A row is one write (or none): a failing row leaves nothing behind.
 */
@ApplicationScoped
public class ImportService {

    private static final Logger LOG = Logger.getLogger(ImportService.class);

    /** One row as read from the file: its line number and its cells by column name (null: unreadable line). */
    public record Row(int line, Map<String, Object> cells, String unreadable) {
    }

    /** What became of one row; the report counts each. */
    public enum Outcome { CREATED, UPDATED, UNCHANGED, FAILED }

    public record RowResult(int line, String key, Outcome outcome, String id, String field, String error) {
    }

    public record Report(String kind, int rows, int created, int updated, int unchanged, int failed, List<RowResult> results) {
    }

    private final ApplicantService applicants;
    private final ApplicationService applications;
    private final ApplicationRepository repository;
    private final LifecycleService lifecycle;
    private final ApplicationsConfig config;

    ImportService(ApplicantService applicants, ApplicationService applications, ApplicationRepository repository,
                  LifecycleService lifecycle, ApplicationsConfig config) {
        this.applicants = applicants;
        this.applications = applications;
        this.repository = repository;
        this.lifecycle = lifecycle;
        this.config = config;
    }

    public Report applicants(Principal principal, List<Row> rows) {
        return run("applicants", rows, (row, cells) -> applicantRow(principal, cells));
    }

    /** Applications: new ones as drafts, or submitted at once with {@code submit}. */
    public Report applications(Principal principal, List<Row> rows, boolean submit) {
        return run("applications", rows, (row, cells) -> applicationRow(principal, cells, submit));
    }

    interface RowHandler {
        RowResult handle(Row row, Map<String, Object> cells);
    }

    private Report run(String kind, List<Row> rows, RowHandler handler) {
        if (rows.size() > config.imports().maxRows()) {
            throw new ProblemException(413, "Payload too large", "an import holds at most " + config.imports().maxRows()
                    + " rows; split the file", null);
        }
        List<RowResult> results = new ArrayList<>();
        Map<String, Integer> firstLineOfKey = new HashMap<>();
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        int failed = 0;
        for (Row row : rows) {
            RowResult result;
            if (row.unreadable() != null) {
                result = new RowResult(row.line(), null, Outcome.FAILED, null, null, row.unreadable());
            } else {
                String key = "applicants".equals(kind) ? UsccText.canonical(text(row.cells(), "uscc"))
                        : UsccText.canonical(text(row.cells(), "applicantUscc")) + "|" + text(row.cells(), "measureCode") + "|"
                        + text(row.cells(), "period");
                Integer first = firstLineOfKey.putIfAbsent(key, row.line());
                if (first != null) {
                    result = new RowResult(row.line(), key, Outcome.FAILED, null, null, "the same business key as line " + first);
                } else {
                    try {
                        result = handler.handle(row, row.cells());
                        result = new RowResult(row.line(), key, result.outcome(), result.id(), null, null);
                    } catch (ProblemException e) {
                        result = new RowResult(row.line(), key, Outcome.FAILED, (String) e.extensions().get("existingApplicationId"),
                                e.field(), e.getMessage());
                    } catch (UsccOverride.UsccCheckFailed e) {
                        result = new RowResult(row.line(), key, Outcome.FAILED, null, e.field(), e.getMessage());
                    } catch (RuntimeException e) {
                        // one row's failure (the store, a bug) must not abort the file after earlier rows were committed
                        LOG.warnf(e, "import row %d (%s) failed", row.line(), key);
                        result = new RowResult(row.line(), key, Outcome.FAILED, null, null, "the row could not be imported ("
                                + e.getClass().getSimpleName() + "); import it again");
                    }
                }
            }
            switch (result.outcome()) {
                case CREATED -> created++;
                case UPDATED -> updated++;
                case UNCHANGED -> unchanged++;
                case FAILED -> failed++;
            }
            results.add(result);
        }
        return new Report(kind, rows.size(), created, updated, unchanged, failed, results);
    }

    private RowResult applicantRow(Principal principal, Map<String, Object> cells) {
        String uscc = UsccText.canonical(required(cells, "uscc"));
        Uscc.shapeProblem(uscc).ifPresent(problem -> {
            throw ProblemException.badRequest("uscc", problem);
        });
        String name = required(cells, "name");
        ApplicantType type = parse(ApplicantType.class, required(cells, "type"), "type");
        District district = District.parse(required(cells, "district")).orElseThrow(() -> ProblemException.badRequest(
                "district", "unknown district '" + cells.get("district") + "'; one of " + District.allowed()));
        requireOwnDistrict(principal, district);
        Contact contact = text(cells, "contactPerson") == null && text(cells, "contactPhone") == null
                && text(cells, "contactEmail") == null ? null
                : new Contact(text(cells, "contactPerson"), text(cells, "contactPhone"), text(cells, "contactEmail"));
        Optional<Applicant> existing = applicants.find(uscc);
        if (existing.isEmpty()) {
            applicants.register(principal, new ApplicantService.RegisterCommand(uscc, name, type, district,
                    text(cells, "checkOverrideReason"), contact, List.of(), null));
            return outcome(Outcome.CREATED, uscc);
        }
        Applicant current = existing.get();
        if (!principal.inDistrict(current.district().english())) {
            // what registering it would answer: nothing about another district's applicant
            throw ProblemException.conflict("an applicant with USCC " + uscc + " is already registered");
        }
        if (!current.name().equals(name.trim())) {
            throw ProblemException.unprocessable("name", "the registered name is '" + current.name()
                    + "'; a name change is not made by import");
        }
        if (current.district() != district) {
            throw ProblemException.unprocessable("district", "registered in " + current.district().english()
                    + "; a district change is not made by import");
        }
        Applicant.Changed changed = applicants.update(principal, uscc, new ApplicantService.UpdateCommand(type,
                contact == null ? current.contact() : contact, null), "IMPORTED");
        return outcome(changed.audit() == null ? Outcome.UNCHANGED : Outcome.UPDATED, uscc);
    }

    private RowResult applicationRow(Principal principal, Map<String, Object> cells, boolean submit) {
        String uscc = UsccText.canonical(required(cells, "applicantUscc"));
        String measure = required(cells, "measureCode");
        String period = required(cells, "period"); // checked against the measure's periods when the row is submitted
        Map<String, Object> facts = facts(cells);
        ApplicationService.requireValues(facts);
        if (applicants.find(uscc).filter(a -> principal.inDistrict(a.district().english())).isEmpty()) {
            throw ApplicationService.noApplicant(uscc); // another district's answers as an unknown one
        }
        Optional<String> open = repository.findOpen(ApplicationRepository.slot(uscc, measure, period));
        if (open.isEmpty()) {
            ApplicationService.Submitted created = applications.submit(principal, new ApplicationService.SubmitCommand(uscc,
                    measure, period, facts, List.of(), !submit), null);
            return outcome(Outcome.CREATED, created.id());
        }
        ApplicationRepository.Versioned found = repository.find(open.get()).orElseThrow();
        Application application = found.application();
        boolean unchanged = CanonicalJson.of(application.facts()).equals(CanonicalJson.of(facts));
        boolean draft = application.status() == ApplicationStatus.DRAFT;
        if (unchanged && !(draft && submit)) {
            return outcome(Outcome.UNCHANGED, application.id());
        }
        if (!draft) {
            throw ProblemException.conflict("application " + application.id() + " is " + application.status()
                    + "; the facts of a submitted application are not changed by import")
                    .with("existingApplicationId", application.id());
        }
        if (!unchanged) {
            try {
                lifecycle.persist(found, new Application.Transition(application.correctDraft(facts, application.attachments()),
                        List.of()), principal.asActor(), null);
            } catch (IllegalTransition | TransientFailure e) {
                throw ProblemException.conflict("application " + application.id() + " changed during the import; import the"
                        + " row again");
            }
        }
        if (submit) { // a draft an earlier run left (or just corrected) is submitted as this run asks
            applications.submitDraft(principal, application.id());
        }
        return outcome(Outcome.UPDATED, application.id());
    }

    /** CSV: columns {@code fact.<name>}; JSON lines: an object {@code facts}. Whole numbers in CSV cells are numbers. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> facts(Map<String, Object> cells) {
        Map<String, Object> facts = new LinkedHashMap<>();
        if (cells.get("facts") instanceof Map<?, ?> map) {
            facts.putAll((Map<String, Object>) map);
        } else if (cells.get("facts") != null) {
            throw ProblemException.badRequest("facts", "facts must be an object");
        }
        cells.forEach((column, value) -> {
            if (column.startsWith("fact.") && value != null && !value.toString().isBlank()) {
                String text = value.toString().trim();
                facts.put(column.substring(5), text.matches("-?[0-9]{1,18}") ? (Object) Long.valueOf(text) : text);
            }
        });
        return facts;
    }

    private static void requireOwnDistrict(Principal principal, District district) {
        if (!principal.inDistrict(district.english())) {
            throw new ProblemException(403, "Forbidden", "a district officer imports only for their own district",
                    "district");
        }
    }

    private static RowResult outcome(Outcome outcome, String id) {
        return new RowResult(0, null, outcome, id, null, null);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String text, String field) {
        try {
            return Enum.valueOf(type, text.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(field, "unknown " + field + " '" + text + "'");
        }
    }

    private static String required(Map<String, Object> cells, String column) {
        String text = text(cells, column);
        if (text == null) {
            throw ProblemException.badRequest(column, "the column '" + column + "' is empty");
        }
        return text;
    }

    private static String text(Map<String, Object> cells, String column) {
        Object value = cells.get(column);
        return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }
}
