package org.susong.portal.rest;

import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.susong.portal.application.ApplyQueries;
import org.susong.portal.client.MeasureView;
import org.susong.portal.client.ServiceError;
import org.susong.portal.client.SubmittedApplication;
import org.susong.portal.domain.FactsForm;
import org.susong.portal.domain.Role;

/**
 * The applicant's apply form: the measures open for application, a measure's form generated from its published facts
 * schema ({@link FactsForm}), and its submission as the signed-in applicant (its USCC from the sign-in, never from the
 * form) under an {@code Idempotency-Key} made when the form was shown, so a double submit makes one application.
 */
@Path("/applicant/apply")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class ApplyResource {

    /** What a measure code may look like (the catalogue's: A1, B3a, C1); anything else is not sent. */
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9]{1,16}");
    /** The form's submission number: a UUID made when the form was shown. */
    private static final Pattern KEY = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    /** The hidden field carrying it. */
    static final String KEY_FIELD = "idempotencyKey";
    private static final String LIST = "/applicant/apply";

    private final Pages pages;
    private final ApplyQueries queries;

    ApplyResource(Pages pages, ApplyQueries queries) {
        this.pages = pages;
        this.queries = queries;
    }

    @GET
    public Response measures(@Context UriInfo uri, @Context HttpHeaders headers) {
        Pages.Visit visit = pages.visit(uri, headers);
        Response refused = pages.refusedUnless(visit, Role.APPLICANT);
        if (refused != null) {
            return refused;
        }
        try {
            return pages.respond(visit, 200, Templates.applyMeasures(visit.chrome(), queries.openMeasures(visit.person()),
                    null));
        } catch (ServiceError e) {
            return pages.respond(visit, Pages.status(e), Templates.applyMeasures(visit.chrome(), List.of(),
                    Pages.text(visit.msg(), e)));
        }
    }

    @GET
    @Path("{code}")
    public Response form(@Context UriInfo uri, @Context HttpHeaders headers, @PathParam("code") String code) {
        Opened opened = open(uri, headers, code);
        if (opened.answer() != null) {
            return opened.answer();
        }
        MeasureView m = opened.measure();
        return page(opened.visit(), 200, m, FactsForm.fields(m.factsSchema()), Map.of(), Map.of(),
                UUID.randomUUID().toString(), null);
    }

    /**
     * The form's fields read back by the measure's schema: a refused field answers 400 with the form again (that field
     * marked, its sentence) and sends nothing; else the application is submitted as the applicant and the page goes
     * to it (303). The service's refusal naming a fact ({@code facts.<name>}) marks that field; another is the form's
     * sentence, with the service's status.
     */
    @POST
    @Path("{code}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response submit(@Context UriInfo uri, @Context HttpHeaders headers, @PathParam("code") String code,
                           MultivaluedMap<String, String> form) {
        Opened opened = open(uri, headers, code);
        if (opened.answer() != null) {
            return opened.answer();
        }
        Pages.Visit visit = opened.visit();
        MeasureView m = opened.measure();
        Msg msg = visit.msg();
        List<FactsForm.Field> fields = FactsForm.fields(m.factsSchema());
        Map<String, String> typed = new LinkedHashMap<>();
        for (FactsForm.Field f : fields) {
            String value = form == null ? null : form.getFirst(f.input());
            if (value != null) {
                typed.put(f.name(), value);
            }
        }
        String key = form == null ? null : form.getFirst(KEY_FIELD);
        if (key == null || !KEY.matcher(key).matches()) {
            // without its submission number a double submit could make two applications: a new form, nothing sent
            return page(visit, 400, m, fields, typed, Map.of(), UUID.randomUUID().toString(), msg.staleForm());
        }
        FactsForm.Read read = FactsForm.read(fields, typed::get);
        if (!read.valid()) {
            Map<String, String> errors = new LinkedHashMap<>();
            for (FactsForm.Field f : fields) {
                FactsForm.Problem problem = read.problems().get(f.name());
                if (problem != null) {
                    errors.put(f.name(), sentence(msg, f, problem));
                }
            }
            return page(visit, 400, m, fields, typed, errors, key, msg.applyInvalid(errors.size()));
        }
        SubmittedApplication submitted;
        try {
            submitted = queries.apply(visit.person(), m.code(), read.facts(), key);
        } catch (ServiceError e) {
            String fact = factOf(e, fields);
            String text = Pages.text(msg, e);
            return fact == null
                    ? page(visit, Pages.status(e), m, fields, typed, Map.of(), key, text)
                    : page(visit, Pages.status(e), m, fields, typed, Map.of(fact, text), key, msg.applyInvalid(1));
        }
        String to = submitted != null && CasePages.isId(submitted.id()) ? "/applicant/applications/" + submitted.id()
                : "/applicant/applications";
        return Response.seeOther(URI.create(to)).build();
    }

    /** A visit to a measure's form: the measure when it takes applications, else the page that says why. */
    private record Opened(Pages.Visit visit, MeasureView measure, Response answer) {
    }

    /**
     * The visit and the measure of {@code code}, for an applicant only (else sign in first, or 403, nothing asked),
     * when the code may be one (else 404, not sent) and the measure takes applications (else 404 or 409).
     */
    private Opened open(UriInfo uri, HttpHeaders headers, String code) {
        Pages.Visit visit = pages.visit(uri, headers);
        Response refused = pages.refusedUnless(visit, Role.APPLICANT);
        if (refused != null) {
            return new Opened(visit, null, refused);
        }
        Msg msg = visit.msg();
        if (code == null || !CODE.matcher(code).matches()) {
            return new Opened(visit, null, pages.respond(visit, 404, Templates.notice(visit.chrome(),
                    msg.measureNotFound(String.valueOf(code)), LIST, msg.backToApply())));
        }
        MeasureView measure;
        try {
            measure = queries.measure(visit.person(), code);
        } catch (ServiceError e) {
            String text = e.status() == 404 ? msg.measureNotFound(code) : Pages.text(msg, e);
            return new Opened(visit, null, pages.respond(visit, Pages.status(e), Templates.notice(visit.chrome(), text,
                    LIST, msg.backToApply())));
        }
        if (!measure.open()) {
            return new Opened(visit, null, pages.respond(visit, 409, Templates.notice(visit.chrome(),
                    msg.measureNotOpen(measure.code()), LIST, msg.backToApply())));
        }
        return new Opened(visit, measure, null);
    }

    /** The fact a service's refusal names ({@code facts.<name>[...]}) when it is one of the form's fields; else null. */
    static String factOf(ServiceError e, List<FactsForm.Field> fields) {
        if (!e.refused() || e.field() == null || !e.field().startsWith("facts.")) {
            return null;
        }
        String rest = e.field().substring("facts.".length());
        int dot = rest.indexOf('.');
        String name = dot < 0 ? rest : rest.substring(0, dot);
        return fields.stream().anyMatch(f -> f.name().equals(name)) ? name : null;
    }

    private Response page(Pages.Visit visit, int status, MeasureView m, List<FactsForm.Field> fields,
                          Map<String, String> values, Map<String, String> errors, String key, String error) {
        Msg msg = visit.msg();
        List<ApplyField> shown = new ArrayList<>();
        boolean sendable = true;
        for (FactsForm.Field f : fields) {
            List<ApplyField.Option> options = f.options().stream()
                    .map(o -> new ApplyField.Option(o, msg.factValue(o))).toList();
            shown.add(new ApplyField(f, label(msg, f), f.description(), options, values.get(f.name()),
                    errors.get(f.name())));
            sendable &= !(f.required() && f.kind() == FactsForm.Kind.UNSUPPORTED);
        }
        return pages.respond(visit, status, Templates.applyForm(visit.chrome(), m, m.title(visit.lang()), shown, key,
                sendable, error));
    }

    /** The portal's words for a fact the catalogue uses, else the schema's {@code title}, else the fact's name. */
    static String label(Msg msg, FactsForm.Field f) {
        String known = msg.factLabel(f.name());
        String label = !known.equals(f.name()) ? known : f.title() != null ? f.title() : f.name();
        return f.kind() == FactsForm.Kind.YUAN ? label + msg.inYuan() : label;
    }

    /** A refused field's sentence; bounds of an amount in yuan, as it is typed. */
    static String sentence(Msg msg, FactsForm.Field f, FactsForm.Problem problem) {
        return switch (problem) {
            case REQUIRED -> msg.factRequired();
            case NOT_INTEGER -> msg.factNotInteger();
            case NOT_YUAN -> msg.invalidAmount();
            case BELOW_MINIMUM -> msg.factBelow(bound(f, f.minimum()));
            case ABOVE_MAXIMUM -> msg.factAbove(bound(f, f.maximum()));
            case TOO_SHORT -> msg.factTooShort(f.minLength());
            case TOO_LONG -> msg.factTooLong(f.maxLength());
            case PATTERN -> msg.factPattern();
            case NOT_AN_OPTION -> msg.factNotOption();
            case UNSUPPORTED -> msg.factUnsupported(f.name());
        };
    }

    private static String bound(FactsForm.Field f, long n) {
        return f.kind() == FactsForm.Kind.YUAN ? Formats.yuan(n) : Long.toString(n);
    }
}
