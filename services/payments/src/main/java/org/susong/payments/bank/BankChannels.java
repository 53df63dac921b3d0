package org.susong.payments.bank;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.List;
import java.util.Optional;
import org.susong.commons.ids.Hashes;
import org.susong.payments.application.BankChannel;
import org.susong.payments.application.BankFiles;
import org.susong.payments.config.PaymentsConfig;

/**
 * Chooses the bank channel from {@code susong.payments.bank-channel}: {@code iso20022} (files for the
 * treasury to download, statements uploaded - the default), {@code simulated} (local profile: books
 * every exported file at once and answers with a camt.053 that goes through the same reconciliation),
 * {@code none} (nothing is exported) - production never pays through a simulation by accident.
 */
@ApplicationScoped
public class BankChannels {

    @Produces
    @ApplicationScoped
    BankChannel channel(PaymentsConfig config, BankFiles files) {
        return switch (config.bankChannel()) {
            case "simulated" -> new SimulatedBank(files);
            case "iso20022" -> new FileExchange(true);
            case "none" -> new FileExchange(false);
            default -> throw new IllegalStateException("unknown susong.payments.bank-channel '" + config.bankChannel()
                    + "'; use iso20022, simulated or none");
        };
    }

    /** Local profile: the bank books each exported file as one batch debit with a detail per transfer. */
    static final class SimulatedBank implements BankChannel {
        private final BankFiles files;

        SimulatedBank(BankFiles files) {
            this.files = files;
        }

        @Override
        public boolean exports() {
            return true;
        }

        @Override
        public Optional<byte[]> statementFor(BankFiles.CreditTransfers exported) {
            List<BankFiles.Detail> details = exported.transfers().stream()
                    .map(t -> new BankFiles.Detail(t.endToEndId(), t.amountFen(), null, exported.messageId())).toList();
            // one statement per set of transfers booked (a transfer reopened by a rejection is not booked again)
            String id = "SIM-" + exported.messageId() + "-" + Hashes.sha256(String.join(",",
                    exported.transfers().stream().map(BankFiles.Transfer::endToEndId).toList())).substring(0, 8);
            BankFiles.Entry booking = new BankFiles.Entry(id, true, exported.controlSumFen(), "BOOK", details);
            return Optional.of(files.writeStatement(id, exported.createdAt().plusSeconds(1),
                    exported.payerAccount(), List.of(booking)));
        }
    }

    /** Files are downloaded by the treasury; statements and status reports are uploaded. */
    static final class FileExchange implements BankChannel {
        private final boolean exports;

        FileExchange(boolean exports) {
            this.exports = exports;
        }

        @Override
        public boolean exports() {
            return exports;
        }

        @Override
        public Optional<byte[]> statementFor(BankFiles.CreditTransfers exported) {
            return Optional.empty();
        }
    }

}
