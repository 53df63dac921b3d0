package org.susong.payments.domain;

import java.time.LocalDate;
import java.util.Optional;
import org.susong.commons.ids.District;

/**
 * Which payment orders a list shows; empty means any. {@code from}/{@code to}: the dates the orders were created
 * (business zone), both inclusive. The principal's {@link Scope} narrows it further, in the same query.
 */
public record OrderFilter(Optional<String> applicationId, Optional<OrderState> state, Optional<String> budgetLine,
                          Optional<District> district, Optional<String> measureCode, Optional<String> beneficiaryUscc,
                          Optional<LocalDate> from, Optional<LocalDate> to) {

    /** The published list (公示): the orders in public notice. */
    public static OrderFilter inNotice(Optional<String> measureCode) {
        return new OrderFilter(Optional.empty(), Optional.of(OrderState.IN_NOTICE), Optional.empty(), Optional.empty(),
                measureCode, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
