package org.susong.payments.application;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import org.susong.commons.messaging.PermanentFailure;
import org.susong.commons.security.FieldCipher;
import org.susong.payments.domain.Payee;

/**
 * Payee account numbers arrive sealed by applications (issue 23 item 11, {@link FieldCipher}) and stay sealed at rest:
 * a snapshot's number is checked to open when it arrives, kept as it came, and opened only for the bank file and the
 * approvers' view. Snapshots published before sealing carry the number in plaintext and are kept so. Created at startup:
 * without {@code susong.crypto.keys.*} payments refuses to start.
 */
@ApplicationScoped
@Startup
public class PayeeAccounts {

    private final FieldCipher cipher;

    PayeeAccounts(FieldCipher cipher) {
        this.cipher = cipher;
    }

    /**
     * A sealed number as it is kept, once it is known to open to an account number; one that does not open (a key
     * this service does not hold, an altered value) is a poison record. The reason never carries the number.
     */
    public String checkedSealed(String eventId, String sealed) {
        String number;
        try {
            number = cipher.open(sealed);
        } catch (IllegalArgumentException e) {
            throw new PermanentFailure("payee snapshot " + eventId + ": its accountNumberSealed cannot be opened: "
                    + e.getMessage());
        }
        if (!number.matches("[0-9]{8,32}")) {
            throw new PermanentFailure("payee snapshot " + eventId + ": its accountNumberSealed opens to something else "
                    + "than an account number of 8 to 32 digits");
        }
        return sealed;
    }

    /** The payee with its account number opened, for the bank file and the approvers' view (a plaintext one as it is). */
    public Payee opened(Payee payee) {
        if (payee == null || !FieldCipher.isSealed(payee.accountNumber())) {
            return payee;
        }
        return new Payee(payee.accountName(), cipher.open(payee.accountNumber()), payee.bankCode(), payee.bankName(),
                payee.snapshottedAt());
    }
}
