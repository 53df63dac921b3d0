package org.susong.payments.application;

import java.util.Optional;

/**
 * Port to whatever moves the money: the treasury's own channel, an ISO 20022 file exchange (files
 * downloaded by the treasury, statements uploaded), or the simulated bank of the local profile.
 */
public interface BankChannel {

    /** Whether batches are exported at all ({@code none}: approved orders wait). */
    boolean exports();

    /**
     * The statement (camt.053) the channel has for an exported batch, if it produces one itself: the
     * simulated bank books every file at once; a real bank's statements are uploaded instead.
     */
    Optional<byte[]> statementFor(BankFiles.CreditTransfers exported);
}
