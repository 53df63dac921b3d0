package org.susong.payments.application;

import org.susong.payments.domain.PaymentOrder;

/**
 * Port to whatever moves the money: the treasury's own channel, an ISO 20022 file exchange
 * (a later issue), or the simulated bank of the local profile.
 */
public interface BankChannel {

    /** Hands the order to the bank; returns the bank's reference, or null when the channel cannot take it now. */
    String instruct(PaymentOrder order);

    /** Whether the bank has confirmed (settled) the instructed order. */
    boolean settled(PaymentOrder order);
}
