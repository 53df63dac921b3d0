package org.susong.payments.bank;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.susong.payments.application.BankChannel;
import org.susong.payments.config.PaymentsConfig;
import org.susong.payments.domain.PaymentOrder;

/**
 * Chooses the bank channel from {@code susong.payments.bank-channel}. {@code simulated} (local
 * profile) confirms every transfer at once; {@code none} (default) takes nothing, so approved
 * orders wait until a real adapter exists - production never pays through a simulation by accident.
 */
@ApplicationScoped
public class BankChannels {

    @Produces
    @ApplicationScoped
    BankChannel channel(PaymentsConfig config) {
        return switch (config.bankChannel()) {
            case "simulated" -> new SimulatedBank();
            case "none" -> new NoBank();
            default -> throw new IllegalStateException("unknown susong.payments.bank-channel '" + config.bankChannel()
                    + "'; use simulated or none");
        };
    }

    /** Local profile: the bank answers at once and confirms settlement. */
    static final class SimulatedBank implements BankChannel {
        @Override
        public String instruct(PaymentOrder order) {
            return "SIM-" + order.id();
        }

        @Override
        public boolean settled(PaymentOrder order) {
            return order.bankReference() != null && order.bankReference().startsWith("SIM-");
        }
    }

    /** No bank is connected: nothing is instructed. */
    static final class NoBank implements BankChannel {
        @Override
        public String instruct(PaymentOrder order) {
            return null;
        }

        @Override
        public boolean settled(PaymentOrder order) {
            return false;
        }
    }
}
