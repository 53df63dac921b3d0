package org.susong.portal.rest;

import io.quarkus.qute.i18n.Localized;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.susong.portal.application.FinanceQueries;
import org.susong.portal.application.FinanceQueries.BankFileKind;
import org.susong.portal.client.BankFile;
import org.susong.portal.client.ServiceError;
import org.susong.portal.client.ServicePage;
import org.susong.portal.domain.Role;

/**
 * The finance bureau's reconciliation (issue 18 item 3, finance): the imported bank files, newest first, each with its
 * count per outcome and the items an officer must look at with the bank (nothing applied, or paid twice); and the
 * import of a camt.053 statement or a pain.002 status report, passed to payments as the signed-in officer, bytes
 * unchanged (payments reads, checks and books it; the same file again books nothing twice). Nothing is sent without a
 * kind, with no file, a file over {@link #MAX_MB} MB or one that is not XML (400 naming it); the service's refusal
 * (400 malformed, 403 without the duty, 409 another file under the same id, 422 another account or nothing matched) is
 * its sentence with its status, the form kept.
 */
@Path("/finance/reconciliation")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class ReconciliationResource {

    /**
     * The largest file the form takes: below payments' request limit (Quarkus's 10 MB default), while the portal's own
     * ({@code quarkus.http.limits.max-body-size}, 12M) lets a larger one reach this page's answer; a city's daily
     * statement is far below it.
     */
    static final int MAX_MB = 9;

    private final Pages pages;
    private final FinanceQueries finance;
    private final ReconMsg zh;
    private final ReconMsg en;

    ReconciliationResource(Pages pages, FinanceQueries finance, ReconMsg zh, @Localized("en") ReconMsg en) {
        this.pages = pages;
        this.finance = finance;
        this.zh = zh;
        this.en = en;
    }

    @GET
    public Response reports(@Context UriInfo uri, @Context HttpHeaders headers, @QueryParam("cursor") String cursor) {
        Pages.Visit visit = pages.visit(uri, headers);
        Response refused = pages.refusedUnless(visit, Role.FINANCE);
        if (refused != null) {
            return refused;
        }
        return page(visit, 200, cursor, null, null, null, null);
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response importFile(@Context UriInfo uri, @Context HttpHeaders headers, @RestForm("kind") String kind,
                               @RestForm("file") FileUpload file) {
        Pages.Visit visit = pages.visit(uri, headers);
        Response refused = pages.refusedUnless(visit, Role.FINANCE);
        if (refused != null) {
            return refused;
        }
        ReconMsg w = words(visit);
        BankFileKind chosen = Arrays.stream(BankFileKind.values()).filter(k -> k.name().equals(kind)).findFirst()
                .orElse(null);
        if (chosen == null) {
            return page(visit, 400, null, null, kind, w.kindRequired(), "kind");
        }
        if (file == null || file.size() == 0) {
            return page(visit, 400, null, null, kind, w.fileRequired(), "file");
        }
        if (file.size() > MAX_MB * 1024L * 1024L) {
            return page(visit, 400, null, null, kind, w.fileTooLarge(MAX_MB), "file");
        }
        byte[] xml = read(file);
        if (!looksLikeXml(xml)) {
            return page(visit, 400, null, null, kind, w.fileNotXml(), "file");
        }
        try {
            BankFile imported = finance.importBankFile(visit.person(), chosen, xml);
            return page(visit, 200, null, imported, null, null, null);
        } catch (ServiceError e) {
            return page(visit, Pages.status(e), null, null, kind, Pages.text(visit.msg(), e), "service");
        }
    }

    /** The list page, with the file just imported ({@code imported}) or the form's problem and its field. */
    private Response page(Pages.Visit visit, int status, String cursor, BankFile imported, String kind, String problem,
                          String field) {
        ReconMsg w = words(visit);
        String notice = imported == null ? null : w.imported(imported.id(), imported.items().size(), imported.toLookAt());
        try {
            ServicePage<BankFile> files = finance.reconciliationReports(visit.person(), cursor);
            String next = files.nextCursor() == null ? null : UriBuilder.fromPath("/finance/reconciliation")
                    .queryParam("cursor", files.nextCursor()).build().toString();
            return pages.respond(visit, status, FinanceTemplates.reconciliation(visit.chrome(), files.items(), next, null,
                    imported, notice, kind, problem, field));
        } catch (ServiceError e) {
            // the form's own problem keeps its status; an import done keeps 200 (the list failing after it is no reason
            // to send the file again)
            int answer = problem != null || imported != null ? status : Pages.status(e);
            return pages.respond(visit, answer, FinanceTemplates.reconciliation(
                    visit.chrome(), List.of(), null, Pages.text(visit.msg(), e), imported, notice, kind, problem, field));
        }
    }

    private ReconMsg words(Pages.Visit visit) {
        return "en".equals(visit.lang()) ? en : zh;
    }

    private static byte[] read(FileUpload file) {
        try {
            return Files.readAllBytes(file.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Its first character but a byte-order mark and XML's blanks is {@code <}: an XML document (payments reads the
     * rest); a UTF-16 one (its byte-order mark) is left to payments.
     */
    static boolean looksLikeXml(byte[] bytes) {
        if (bytes.length >= 2 && ((bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF
                || (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE)) {
            return true;
        }
        int i = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
        while (i < bytes.length && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r' || bytes[i] == '\n')) {
            i++;
        }
        return i < bytes.length && bytes[i] == '<';
    }
}
