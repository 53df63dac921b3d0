package org.susong.payments.domain;

import java.util.Arrays;

/**
 * A pain.002 transaction's status ({@code TxSts}, ISO 20022 ExternalPaymentTransactionStatus1Code; issue 21 item 2):
 * only a rejection reopens an order. A code outside the list (or none) is {@link #OTHER}.
 */
public enum BankTransactionStatus {
    ACCP, ACSC, ACSP, ACTC, ACWC, PART, PDNG, RCVD, RJCT, OTHER;

    /** The status of this code as the file spells it. */
    public static BankTransactionStatus of(String code) {
        return Arrays.stream(values()).filter(s -> s != OTHER && s.name().equals(code)).findFirst().orElse(OTHER);
    }
}
