package org.susong.portal.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One notification of an applicant's inbox (issue 18 item 5): what happened to one of its applications, made from one
 * public event by the portal's projection ({@code messaging/in/InboxProjection}), never from a service's database.
 *
 * @param id          the kind and its source (a decision id, or the payment event's id): one entry per source
 * @param automatic   a decision of an award the applicant never applied for (免申即享: the application was made by the
 *                    platform from an award proposal)
 * @param reasons     a rejection's failed criteria as the decision states them, in the language asked for
 * @param deadline    a decision's appeal deadline, or the last day of a payment's public notice
 * @param withheldFen of a payment, the part withheld for the applicant's open recovery (clawback): the bank
 *                    transferred {@code amountFen - withheldFen}; null for none
 */
public record InboxEntry(String id, Kind kind, String applicationId, String measure, String outcome, Long amountFen,
                         Long withheldFen, Instant at, LocalDate deadline, List<String> reasons, boolean automatic,
                         boolean read) {

    public enum Kind {
        /**
         * A decision on one of its applications, or on an award it never applied for: approved, rejected, or sent to an
         * officer's review (then the officer's decision is another entry).
         */
        DECIDED,
        /** The public notice of a payment to it has opened (公示). */
        NOTICE_OPEN,
        /** A rejection's appeal deadline is near and no appeal was made. */
        APPEAL_DEADLINE,
        /** Paid to its bank account. */
        PAID,
        /** Converted into an investment of a government fund (grant-to-investment). */
        CONVERTED,
        /** Returned by the bank: the money did not arrive. */
        RETURNED;

        public String code() {
            return name();
        }
    }

    /** What reached the bank account: the amount less what was withheld. */
    public Long netFen() {
        return amountFen == null ? null : amountFen - (withheldFen == null ? 0 : withheldFen);
    }
}
