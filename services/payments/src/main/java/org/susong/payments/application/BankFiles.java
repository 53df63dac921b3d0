package org.susong.payments.application;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.susong.payments.domain.BankEntryStatus;
import org.susong.payments.domain.BankTransactionStatus;
import org.susong.payments.domain.Payee;

/**
 * Port to the bank file format (the first adapter is ISO 20022 via Prowide): writes the credit
 * transfer file of a batch and reads the bank's status reports and account statements.
 */
public interface BankFiles {

    /** The credit transfers of one batch; the same content gives byte-identical files. */
    record CreditTransfers(String messageId, String paymentInfoId, Instant createdAt, LocalDate executionDate,
                           String payerName, String payerAccount, String payerBankCode, List<Transfer> transfers) {

        public long controlSumFen() {
            return transfers.stream().mapToLong(Transfer::amountFen).sum();
        }
    }

    record Transfer(String endToEndId, long amountFen, Payee payee, String remittance) {
    }

    /** pain.002: the status of each transaction of an original message. */
    record StatusReport(String messageId, String originalMessageId, List<TransactionStatus> transactions) {
    }

    record TransactionStatus(String endToEndId, String status, String reason) {

        /** The status as the domain reads it (issue 21 item 2: no status code compared as a string). */
        public BankTransactionStatus statusCode() {
            return BankTransactionStatus.of(status);
        }
    }

    /**
     * camt.053: an account's statement; entries are debits (payments) or credits (returns). {@code account} is the
     * statement's account id, {@code currencies} every currency its amounts are in.
     */
    record Statement(String statementId, String account, java.util.Set<String> currencies, List<Entry> entries) {
    }

    /** One booking; a batch booking carries one transaction detail per transfer. */
    record Entry(String reference, boolean debit, long amountFen, String status, List<Detail> details) {

        /** The status as the domain reads it (issue 21 item 2: no status code compared as a string). */
        public BankEntryStatus statusCode() {
            return BankEntryStatus.of(status);
        }
    }

    /** One transfer of a booking; {@code messageId} is the MsgId of the pain.001 it executed (the batch id), when the bank gives it. */
    record Detail(String endToEndId, long amountFen, String returnReason, String messageId) {

        public Detail(String endToEndId, long amountFen, String returnReason) {
            this(endToEndId, amountFen, returnReason, null);
        }
    }

    /** The file is not well-formed XML of the expected message. */
    final class MalformedFile extends RuntimeException {
        public MalformedFile(String message) {
            super(message);
        }
    }

    byte[] write(CreditTransfers transfers);

    /** Parses a pain.001 back (for tests and checks of what was exported). */
    CreditTransfers readCreditTransfers(byte[] xml);

    StatusReport readStatusReport(byte[] xml);

    /** Every statement of a camt.053 file, in the file's order (a file may carry several). */
    List<Statement> readStatements(byte[] xml);

    /** Writes a statement (the simulated bank's answer, test fixtures). */
    byte[] writeStatement(String statementId, Instant createdAt, String account, List<Entry> entries);
}
