package org.susong.techcontracts.persistence;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.susong.commons.ids.District;
import org.susong.commons.ids.Uscc;
import org.susong.commons.money.Money;
import org.susong.techcontracts.domain.Amendment;
import org.susong.techcontracts.domain.BricsStatus;
import org.susong.techcontracts.domain.ContractStatus;
import org.susong.techcontracts.domain.ContractTerms;
import org.susong.techcontracts.domain.ContractType;
import org.susong.techcontracts.domain.Party;
import org.susong.techcontracts.domain.RefusalReason;
import org.susong.techcontracts.domain.RegistrationNumber;
import org.susong.techcontracts.domain.ReviewRules;
import org.susong.techcontracts.domain.TechContract;

/**
 * Contract documents. Dates are ISO strings (calendar dates must not shift with a time zone). A
 * registered contract carries a {@code stats} sub-document (registration year and month, type,
 * district, domestic/foreign, BRICS, both amounts) that the statistics pipelines group on; a
 * refused or cancelled one carries none, and no {@code duplicateKey} either.
 */
final class ContractCodec {

    static final String DUPLICATE_KEY = "duplicateKey";
    static final String REGISTRATION_NUMBER = "registrationNumber";
    static final String REVIEW_DUE_ON = "reviewDueOn";
    static final String STATS = "stats";
    static final String SELLER_DISTRICT = "sellerDistrict";

    private ContractCodec() {
    }

    /** The contract's state fields (no _id, version or outbox). */
    static Document state(TechContract c) {
        Document d = terms(c.terms())
                .append("status", c.status().name())
                .append("brics", c.brics().name())
                .append("checkOverrides", c.checkOverrides().stream().map(o -> new Document("party", o.party())
                        .append("officer", o.officer()).append("reason", o.reason())).toList())
                .append("submittedOn", str(c.submittedOn()))
                .append("review", c.review() == null ? null : new Document("dueOn", c.review().dueOn().toString())
                        .append("expertReview", c.review().expertReview())
                        .append("provisional", c.review().provisional()))
                .append("registeredOn", str(c.registeredOn()))
                .append("registeredAt", c.registeredAt() == null ? null : Date.from(c.registeredAt()))
                .append("registeredBy", c.registeredBy())
                .append("imported", c.imported())
                .append("refusals", refusals(c.refusals()))
                .append("decidedOn", str(c.decidedOn()))
                .append("amendments", c.amendments().stream().map(ContractCodec::amendment).toList())
                .append("cancellationReason", c.cancellationReason());
        if (c.registrationNumber() != null) {
            d.append(REGISTRATION_NUMBER, c.registrationNumber().value());
        }
        c.reviewDueOn().ifPresent(due -> d.append(REVIEW_DUE_ON, due.toString()));
        if (c.holdsDuplicateKey()) {
            d.append(DUPLICATE_KEY, c.terms().duplicateKey());
        }
        if (c.status() == ContractStatus.REGISTERED) {
            d.append(STATS, stats(c));
        }
        return d;
    }

    static Document stats(TechContract c) {
        ContractTerms t = c.terms();
        return new Document("year", c.registeredOn().getYear()).append("month", c.registeredOn().getMonthValue())
                .append("type", t.type().name()).append("district", t.sellerDistrict().name())
                .append("foreign", t.isForeign()).append("brics", c.brics().name())
                .append("contractFen", t.contractAmount().fen())
                .append("technicalFen", t.technicalTransactionAmount().fen());
    }

    static Document terms(ContractTerms t) {
        return new Document("title", t.title()).append("type", t.type().name())
                .append("seller", party(t.seller())).append("buyer", party(t.buyer()))
                .append(SELLER_DISTRICT, t.sellerDistrict().name())
                .append("signingDate", t.signingDate().toString())
                .append("termStart", str(t.termStart())).append("termEnd", str(t.termEnd()))
                .append("contractAmountFen", t.contractAmount().fen())
                .append("technicalTransactionAmountFen", t.technicalTransactionAmount().fen())
                .append("paymentSchedule", t.paymentSchedule().stream().map(i -> new Document("dueOn", i.dueOn().toString())
                        .append("amountFen", i.amount().fen())).toList())
                .append("attachments", t.attachments().stream().map(a -> new Document("fileName", a.fileName())
                        .append("sha256", a.sha256()).append("sizeBytes", a.sizeBytes()).append("kind", a.kind().name()))
                        .toList());
    }

    static TechContract contract(Document d) {
        Document review = d.get("review", Document.class);
        return new TechContract(d.getString("_id"), ContractStatus.valueOf(d.getString("status")), terms(d),
                BricsStatus.valueOf(d.get("brics", BricsStatus.NONE.name())),
                docs(d, "checkOverrides").stream().map(o -> new TechContract.CheckOverride(o.getString("party"),
                        o.getString("officer"), o.getString("reason"))).toList(),
                date(d, "submittedOn"),
                review == null ? null : new ReviewRules.Deadline(LocalDate.parse(review.getString("dueOn")),
                        review.getBoolean("expertReview", false), review.getBoolean("provisional", false)),
                d.getString(REGISTRATION_NUMBER) == null ? null : new RegistrationNumber(d.getString(REGISTRATION_NUMBER)),
                date(d, "registeredOn"), d.getDate("registeredAt") == null ? null : d.getDate("registeredAt").toInstant(),
                d.getString("registeredBy"), d.getBoolean("imported", false), readRefusals(docs(d, "refusals")),
                date(d, "decidedOn"), docs(d, "amendments").stream().map(ContractCodec::amendment).toList(),
                d.getString("cancellationReason"));
    }

    static ContractTerms terms(Document d) {
        Party seller;
        Party buyer;
        if (d.containsKey("seller")) {
            seller = party(d.get("seller", Document.class));
            buyer = party(d.get("buyer", Document.class));
        } else { // documents of the first slice: two domestic parties by USCC
            seller = Party.domestic(new Uscc(d.getString("sellerUscc")));
            buyer = Party.domestic(new Uscc(d.getString("buyerUscc")));
        }
        return new ContractTerms(d.getString("title"), ContractType.valueOf(d.getString("type")), seller, buyer,
                District.of(d.getString(SELLER_DISTRICT)), LocalDate.parse(d.getString("signingDate")),
                date(d, "termStart"), date(d, "termEnd"), fen(d, "contractAmountFen"), fen(d, "technicalTransactionAmountFen"),
                docs(d, "paymentSchedule").stream().map(i -> new ContractTerms.Instalment(LocalDate.parse(i.getString("dueOn")),
                        fen(i, "amountFen"))).toList(),
                docs(d, "attachments").stream().map(a -> new ContractTerms.Attachment(a.getString("fileName"),
                        a.getString("sha256"), a.get("sizeBytes", Number.class).longValue(),
                        ContractTerms.AttachmentKind.valueOf(a.getString("kind")))).toList());
    }

    private static Document amendment(Amendment a) {
        return new Document("number", a.number()).append("proposed", terms(a.proposed())).append("reason", a.reason())
                .append("proposedOn", str(a.proposedOn())).append("dueOn", str(a.dueOn()))
                .append("expertReview", a.expertReview()).append("proposedBy", a.proposedBy())
                .append("outcome", a.outcome().name()).append("refusals", refusals(a.refusals()))
                .append("decidedOn", str(a.decidedOn()));
    }

    private static Amendment amendment(Document d) {
        return new Amendment(d.getInteger("number"), terms(d.get("proposed", Document.class)), d.getString("reason"),
                date(d, "proposedOn"), date(d, "dueOn"), d.getBoolean("expertReview", false), d.getString("proposedBy"),
                Amendment.Outcome.valueOf(d.getString("outcome")), readRefusals(docs(d, "refusals")), date(d, "decidedOn"));
    }

    private static Document party(Party p) {
        return new Document("name", p.name()).append("uscc", p.uscc() == null ? null : p.uscc().value())
                .append("country", p.country());
    }

    private static Party party(Document d) {
        String uscc = d.getString("uscc");
        return new Party(d.getString("name"), uscc == null ? null : new Uscc(uscc), d.getString("country"));
    }

    private static List<Document> refusals(List<RefusalReason.Refusal> refusals) {
        List<Document> out = new ArrayList<>();
        for (RefusalReason.Refusal r : refusals) {
            out.add(new Document("code", r.code().name()).append("text", r.text()));
        }
        return out;
    }

    private static List<RefusalReason.Refusal> readRefusals(List<Document> docs) {
        return docs.stream().map(r -> new RefusalReason.Refusal(RefusalReason.valueOf(r.getString("code")),
                r.getString("text"))).toList();
    }

    private static List<Document> docs(Document d, String field) {
        List<Document> list = d.getList(field, Document.class);
        return list == null ? List.of() : list;
    }

    private static Money fen(Document d, String field) {
        return Money.ofFen(d.get(field, Number.class).longValue());
    }

    private static LocalDate date(Document d, String field) {
        String text = d.getString(field);
        return text == null ? null : LocalDate.parse(text);
    }

    private static String str(LocalDate date) {
        return date == null ? null : date.toString();
    }
}
