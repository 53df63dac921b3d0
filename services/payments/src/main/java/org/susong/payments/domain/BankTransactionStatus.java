package org.susong.payments.domain;

import org.susong.commons.states.StoredText;

/**
 * A pain.002 transaction's status ({@code TxSts}, ISO 20022 ExternalPaymentTransactionStatus1Code; issue 21 item 2):
 * only a rejection reopens an order. A code outside the list (or none) is {@link #OTHER}.
 */
public enum BankTransactionStatus implements StoredText {
    ACCP, ACSC, ACSP, ACTC, ACWC, PART, PDNG, RCVD, RJCT, OTHER;

    /** The status of this code as the file spells it. */
    public static BankTransactionStatus of(String code) {
        return StoredText.find(BankTransactionStatus.class, code).orElse(OTHER); // the text OTHER is OTHER as well
    }
}
