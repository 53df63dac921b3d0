package org.susong.payments.bank;

import com.prowidesoftware.swift.model.mx.MxCamt05300108;
import com.prowidesoftware.swift.model.mx.MxPain00100109;
import com.prowidesoftware.swift.model.mx.MxPain00200110;
import com.prowidesoftware.swift.model.mx.dic.AccountIdentification4Choice;
import com.prowidesoftware.swift.model.mx.dic.AccountStatement9;
import com.prowidesoftware.swift.model.mx.dic.ActiveOrHistoricCurrencyAndAmount;
import com.prowidesoftware.swift.model.mx.dic.AmountType4Choice;
import com.prowidesoftware.swift.model.mx.dic.BankToCustomerStatementV08;
import com.prowidesoftware.swift.model.mx.dic.BranchAndFinancialInstitutionIdentification6;
import com.prowidesoftware.swift.model.mx.dic.CashAccount38;
import com.prowidesoftware.swift.model.mx.dic.CashAccount39;
import com.prowidesoftware.swift.model.mx.dic.ClearingSystemIdentification2Choice;
import com.prowidesoftware.swift.model.mx.dic.ClearingSystemMemberIdentification2;
import com.prowidesoftware.swift.model.mx.dic.CreditDebitCode;
import com.prowidesoftware.swift.model.mx.dic.CreditTransferTransaction34;
import com.prowidesoftware.swift.model.mx.dic.CustomerCreditTransferInitiationV09;
import com.prowidesoftware.swift.model.mx.dic.DateAndDateTime2Choice;
import com.prowidesoftware.swift.model.mx.dic.EntryDetails9;
import com.prowidesoftware.swift.model.mx.dic.EntryStatus1Choice;
import com.prowidesoftware.swift.model.mx.dic.EntryTransaction10;
import com.prowidesoftware.swift.model.mx.dic.FinancialInstitutionIdentification18;
import com.prowidesoftware.swift.model.mx.dic.GenericAccountIdentification1;
import com.prowidesoftware.swift.model.mx.dic.GroupHeader81;
import com.prowidesoftware.swift.model.mx.dic.GroupHeader85;
import com.prowidesoftware.swift.model.mx.dic.OriginalPaymentInstruction32;
import com.prowidesoftware.swift.model.mx.dic.PartyIdentification135;
import com.prowidesoftware.swift.model.mx.dic.PaymentIdentification6;
import com.prowidesoftware.swift.model.mx.dic.PaymentInstruction30;
import com.prowidesoftware.swift.model.mx.dic.PaymentMethod3Code;
import com.prowidesoftware.swift.model.mx.dic.PaymentReturnReason5;
import com.prowidesoftware.swift.model.mx.dic.PaymentTransaction105;
import com.prowidesoftware.swift.model.mx.dic.RemittanceInformation16;
import com.prowidesoftware.swift.model.mx.dic.ReportEntry10;
import com.prowidesoftware.swift.model.mx.dic.ReturnReason5Choice;
import com.prowidesoftware.swift.model.mx.dic.StatusReasonInformation12;
import com.prowidesoftware.swift.model.mx.dic.TransactionReferences6;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.jboss.logging.Logger;
import org.susong.payments.application.BankFiles;
import org.susong.payments.application.PayeeAccounts;
import org.susong.payments.domain.Payee;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * ISO 20022 files through Prowide {@code pw-iso20022}: {@code pain.001.001.09} credit transfers out,
 * {@code pain.002.001.10} status reports and {@code camt.053.001.08} statements in. Amounts in the
 * files are decimal CNY (fen / 100, exact); inside the platform they stay integer fen.
 */
@ApplicationScoped
public class Iso20022Files implements BankFiles {

    private static final Logger LOG = Logger.getLogger(Iso20022Files.class);

    static final String CURRENCY = "CNY";
    static final String CLEARING_SYSTEM = "CNAPS";

    private final PayeeAccounts accounts;

    /** {@code accounts} opens the payees' sealed account numbers: the bank file is where they are needed whole. */
    Iso20022Files(PayeeAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public byte[] write(CreditTransfers t) {
        PaymentInstruction30 instruction = new PaymentInstruction30().setPmtInfId(t.paymentInfoId())
                .setPmtMtd(PaymentMethod3Code.TRF).setBtchBookg(Boolean.TRUE)
                .setNbOfTxs(Integer.toString(t.transfers().size())).setCtrlSum(yuan(t.controlSumFen()))
                .setReqdExctnDt(new DateAndDateTime2Choice().setDt(t.executionDate()))
                .setDbtr(new PartyIdentification135().setNm(t.payerName()))
                .setDbtrAcct(account(t.payerAccount()))
                .setDbtrAgt(agent(t.payerBankCode(), null));
        for (Transfer transfer : t.transfers()) {
            Payee p = accounts.opened(transfer.payee());
            CreditTransferTransaction34 tx = new CreditTransferTransaction34()
                    .setPmtId(new PaymentIdentification6().setInstrId(transfer.endToEndId()).setEndToEndId(transfer.endToEndId()))
                    .setAmt(new AmountType4Choice().setInstdAmt(new ActiveOrHistoricCurrencyAndAmount()
                            .setValue(yuan(transfer.amountFen())).setCcy(CURRENCY)))
                    .setCdtrAgt(agent(p.bankCode(), p.bankName()))
                    .setCdtr(new PartyIdentification135().setNm(p.accountName()))
                    .setCdtrAcct(account(p.accountNumber()))
                    .setRmtInf(new RemittanceInformation16().addUstrd(transfer.remittance()));
            instruction.addCdtTrfTxInf(tx);
        }
        MxPain00100109 mx = new MxPain00100109().setCstmrCdtTrfInitn(new CustomerCreditTransferInitiationV09()
                .setGrpHdr(new GroupHeader85().setMsgId(t.messageId()).setCreDtTm(t.createdAt().atOffset(ZoneOffset.UTC))
                        .setNbOfTxs(Integer.toString(t.transfers().size())).setCtrlSum(yuan(t.controlSumFen()))
                        .setInitgPty(new PartyIdentification135().setNm(t.payerName())))
                .addPmtInf(instruction));
        return mx.message().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public CreditTransfers readCreditTransfers(byte[] xml) {
        MxPain00100109 mx = MxPain00100109.parse(text(xml));
        if (mx == null || mx.getCstmrCdtTrfInitn() == null || mx.getCstmrCdtTrfInitn().getPmtInf().isEmpty()) {
            throw new MalformedFile("not a pain.001.001.09 credit transfer initiation");
        }
        var initiation = mx.getCstmrCdtTrfInitn();
        PaymentInstruction30 instruction = initiation.getPmtInf().get(0);
        List<Transfer> transfers = new ArrayList<>();
        for (CreditTransferTransaction34 tx : instruction.getCdtTrfTxInf()) {
            FinancialInstitutionIdentification18 agent = tx.getCdtrAgt().getFinInstnId();
            transfers.add(new Transfer(tx.getPmtId().getEndToEndId(), fen(tx.getAmt().getInstdAmt().getValue()),
                    new Payee(tx.getCdtr().getNm(), tx.getCdtrAcct().getId().getOthr().getId(), agent.getClrSysMmbId().getMmbId(),
                            agent.getNm(), null),
                    tx.getRmtInf() == null || tx.getRmtInf().getUstrd().isEmpty() ? null : tx.getRmtInf().getUstrd().get(0)));
        }
        CreditTransfers read = new CreditTransfers(initiation.getGrpHdr().getMsgId(), instruction.getPmtInfId(),
                initiation.getGrpHdr().getCreDtTm().toInstant(), instruction.getReqdExctnDt().getDt(),
                instruction.getDbtr().getNm(), instruction.getDbtrAcct().getId().getOthr().getId(),
                instruction.getDbtrAgt().getFinInstnId().getClrSysMmbId().getMmbId(), transfers);
        if (fen(initiation.getGrpHdr().getCtrlSum()) != read.controlSumFen()
                || Integer.parseInt(initiation.getGrpHdr().getNbOfTxs()) != transfers.size()) {
            throw new MalformedFile("the group header's control sum or count does not match the transactions");
        }
        return read;
    }

    @Override
    public StatusReport readStatusReport(byte[] xml) {
        MxPain00200110 mx = MxPain00200110.parse(text(xml));
        if (mx == null || mx.getCstmrPmtStsRpt() == null || mx.getCstmrPmtStsRpt().getGrpHdr() == null
                || mx.getCstmrPmtStsRpt().getOrgnlGrpInfAndSts() == null) {
            throw new MalformedFile("not a pain.002.001.10 customer payment status report");
        }
        var report = mx.getCstmrPmtStsRpt();
        List<TransactionStatus> statuses = new ArrayList<>();
        for (OriginalPaymentInstruction32 instruction : report.getOrgnlPmtInfAndSts()) {
            for (PaymentTransaction105 tx : instruction.getTxInfAndSts()) {
                String reason = null;
                if (!tx.getStsRsnInf().isEmpty() && tx.getStsRsnInf().get(0).getRsn() != null) {
                    var rsn = tx.getStsRsnInf().get(0).getRsn();
                    reason = rsn.getCd() != null ? rsn.getCd() : rsn.getPrtry();
                }
                statuses.add(new TransactionStatus(tx.getOrgnlEndToEndId(), tx.getTxSts(), reason));
            }
        }
        return new StatusReport(report.getGrpHdr().getMsgId(), report.getOrgnlGrpInfAndSts().getOrgnlMsgId(), statuses);
    }

    @Override
    public List<Statement> readStatements(byte[] xml) {
        MxCamt05300108 mx = MxCamt05300108.parse(text(xml));
        if (mx == null || mx.getBkToCstmrStmt() == null || mx.getBkToCstmrStmt().getStmt().isEmpty()) {
            throw new MalformedFile("not a camt.053.001.08 bank-to-customer statement");
        }
        List<Statement> statements = new ArrayList<>();
        for (AccountStatement9 statement : mx.getBkToCstmrStmt().getStmt()) {
            statements.add(statement(statement));
        }
        return statements;
    }

    private static Statement statement(AccountStatement9 statement) {
        if (statement.getId() == null) {
            throw new MalformedFile("the statement has no Id");
        }
        String account = statement.getAcct() == null || statement.getAcct().getId() == null ? null
                : statement.getAcct().getId().getOthr() != null ? statement.getAcct().getId().getOthr().getId()
                : statement.getAcct().getId().getIBAN();
        java.util.Set<String> currencies = new java.util.TreeSet<>();
        List<Entry> entries = new ArrayList<>();
        for (ReportEntry10 entry : statement.getNtry()) {
            if (entry.getAmt() == null || entry.getCdtDbtInd() == null) {
                throw new MalformedFile("statement entry " + entry.getNtryRef() + " has no amount or credit/debit indicator");
            }
            currencies.add(String.valueOf(entry.getAmt().getCcy()));
            List<Detail> details = new ArrayList<>();
            for (EntryDetails9 d : entry.getNtryDtls()) {
                for (EntryTransaction10 tx : d.getTxDtls()) {
                    if (tx.getAmt() != null) {
                        currencies.add(String.valueOf(tx.getAmt().getCcy()));
                    }
                    String returnReason = tx.getRtrInf() == null || tx.getRtrInf().getRsn() == null ? null
                            : tx.getRtrInf().getRsn().getCd() != null ? tx.getRtrInf().getRsn().getCd() : tx.getRtrInf().getRsn().getPrtry();
                    long amount = tx.getAmt() == null ? fen(entry.getAmt().getValue()) : fen(tx.getAmt().getValue());
                    details.add(new Detail(tx.getRefs() == null ? null : tx.getRefs().getEndToEndId(), amount, returnReason,
                            tx.getRefs() == null ? null : tx.getRefs().getMsgId()));
                }
            }
            entries.add(new Entry(reference(entry), entry.getCdtDbtInd() == CreditDebitCode.DBIT, fen(entry.getAmt().getValue()),
                    entry.getSts() == null ? null : entry.getSts().getCd(), details));
        }
        return new Statement(statement.getId(), account, currencies, entries);
    }

    /**
     * The booking's reference: NtryRef is optional in camt.053.001.08, so the account servicer's reference of the
     * entry, else those of its transactions (AcctSvcrRef, AcctSvcrTxId or TxId of each, joined); null when there is none.
     */
    private static String reference(ReportEntry10 entry) {
        if (!blank(entry.getNtryRef())) {
            return entry.getNtryRef();
        }
        if (!blank(entry.getAcctSvcrRef())) {
            return entry.getAcctSvcrRef();
        }
        List<String> refs = new ArrayList<>();
        for (EntryDetails9 d : entry.getNtryDtls()) {
            for (EntryTransaction10 tx : d.getTxDtls()) {
                TransactionReferences6 r = tx.getRefs();
                String ref = r == null ? null : !blank(r.getAcctSvcrRef()) ? r.getAcctSvcrRef()
                        : !blank(r.getAcctSvcrTxId()) ? r.getAcctSvcrTxId() : r.getTxId();
                if (blank(ref)) {
                    return null;
                }
                refs.add(ref);
            }
        }
        return refs.isEmpty() ? null : String.join("+", refs);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public byte[] writeStatement(String statementId, Instant createdAt, String account, List<Entry> entries) {
        AccountStatement9 statement = new AccountStatement9().setId(statementId).setCreDtTm(createdAt.atOffset(ZoneOffset.UTC))
                .setAcct(new CashAccount39().setId(new AccountIdentification4Choice()
                        .setOthr(new GenericAccountIdentification1().setId(account))));
        for (Entry e : entries) {
            EntryDetails9 details = new EntryDetails9();
            for (Detail d : e.details()) {
                EntryTransaction10 tx = new EntryTransaction10()
                        .setRefs(new TransactionReferences6().setMsgId(d.messageId()).setEndToEndId(d.endToEndId()))
                        .setAmt(new ActiveOrHistoricCurrencyAndAmount().setValue(yuan(d.amountFen())).setCcy(CURRENCY))
                        .setCdtDbtInd(e.debit() ? CreditDebitCode.DBIT : CreditDebitCode.CRDT);
                if (d.returnReason() != null) {
                    tx.setRtrInf(new PaymentReturnReason5().setRsn(new ReturnReason5Choice().setCd(d.returnReason())));
                }
                details.addTxDtls(tx);
            }
            statement.addNtry(new ReportEntry10().setNtryRef(e.reference())
                    .setAmt(new ActiveOrHistoricCurrencyAndAmount().setValue(yuan(e.amountFen())).setCcy(CURRENCY))
                    .setCdtDbtInd(e.debit() ? CreditDebitCode.DBIT : CreditDebitCode.CRDT)
                    .setSts(new EntryStatus1Choice().setCd(e.status() == null ? "BOOK" : e.status()))
                    .setBookgDt(new DateAndDateTime2Choice().setDt(createdAt.atOffset(ZoneOffset.UTC).toLocalDate()))
                    .addNtryDtls(details));
        }
        MxCamt05300108 mx = new MxCamt05300108().setBkToCstmrStmt(new BankToCustomerStatementV08()
                .setGrpHdr(new GroupHeader81().setMsgId(statementId).setCreDtTm(createdAt.atOffset(ZoneOffset.UTC)))
                .addStmt(statement));
        return mx.message().getBytes(StandardCharsets.UTF_8);
    }

    /** A pain.002 status report (the bank's answer; used by tests and a simulated rejection). */
    public static byte[] statusReport(String messageId, Instant createdAt, String originalMessageId,
                                      List<TransactionStatus> statuses) {
        OriginalPaymentInstruction32 instruction = new OriginalPaymentInstruction32().setOrgnlPmtInfId(originalMessageId + "-P1");
        for (TransactionStatus s : statuses) {
            PaymentTransaction105 tx = new PaymentTransaction105().setOrgnlEndToEndId(s.endToEndId()).setTxSts(s.status());
            if (s.reason() != null) {
                tx.addStsRsnInf(new StatusReasonInformation12().setRsn(
                        new com.prowidesoftware.swift.model.mx.dic.StatusReason6Choice().setCd(s.reason())));
            }
            instruction.addTxInfAndSts(tx);
        }
        MxPain00200110 mx = new MxPain00200110().setCstmrPmtStsRpt(new com.prowidesoftware.swift.model.mx.dic.CustomerPaymentStatusReportV10()
                .setGrpHdr(new com.prowidesoftware.swift.model.mx.dic.GroupHeader86().setMsgId(messageId)
                        .setCreDtTm(createdAt.atOffset(ZoneOffset.UTC)))
                .setOrgnlGrpInfAndSts(new com.prowidesoftware.swift.model.mx.dic.OriginalGroupHeader17()
                        .setOrgnlMsgId(originalMessageId).setOrgnlMsgNmId("pain.001.001.09"))
                .addOrgnlPmtInfAndSts(instruction));
        return mx.message().getBytes(StandardCharsets.UTF_8);
    }

    private static CashAccount38 account(String number) {
        return new CashAccount38().setId(new AccountIdentification4Choice().setOthr(new GenericAccountIdentification1().setId(number)));
    }

    private static BranchAndFinancialInstitutionIdentification6 agent(String cnaps, String name) {
        return new BranchAndFinancialInstitutionIdentification6().setFinInstnId(new FinancialInstitutionIdentification18()
                .setClrSysMmbId(new ClearingSystemMemberIdentification2()
                        .setClrSysId(new ClearingSystemIdentification2Choice().setPrtry(CLEARING_SYSTEM)).setMmbId(cnaps))
                .setNm(name));
    }

    static BigDecimal yuan(long fen) {
        return BigDecimal.valueOf(fen, 2);
    }

    static long fen(BigDecimal yuan) {
        try {
            return yuan.movePointRight(2).longValueExact();
        } catch (ArithmeticException e) {
            throw new MalformedFile("amount " + yuan + " is not a whole number of fen");
        }
    }

    private static String text(byte[] xml) {
        if (xml == null || xml.length == 0) {
            throw new MalformedFile("the file is empty");
        }
        requireWellFormed(xml);
        return new String(xml, StandardCharsets.UTF_8);
    }

    /**
     * Refuses a file that is not well-formed XML (or declares a DTD) before Prowide sees it: Prowide catches its own
     * parse failure, prints the stack trace on stderr and returns null (issue 23 item 12). The parser's exception goes
     * to this log at DEBUG; the uploader gets its line and column.
     */
    private static void requireWellFormed(byte[] xml) {
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            // DefaultHandler throws on a fatal error and prints nothing (the parser's own default handler would)
            factory.newSAXParser().parse(new ByteArrayInputStream(xml), new DefaultHandler());
        } catch (SAXParseException e) {
            LOG.debugf(e, "malformed bank file");
            throw new MalformedFile("the file is not well-formed XML (line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + ")");
        } catch (SAXException | IOException e) {
            LOG.debugf(e, "malformed bank file");
            throw new MalformedFile("the file is not well-formed XML");
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("no secure XML parser", e);
        }
    }
}
