package org.susong.techcontracts.domain;

import java.time.LocalDate;
import java.util.Optional;
import org.susong.commons.ids.District;

/**
 * Which contracts a list shows; empty means any. {@code applicantUscc}: a domestic party (seller or buyer);
 * {@code from}/{@code to}: registration dates, both inclusive (a filter on them lists registered contracts only).
 */
public record ContractFilter(Optional<District> district, Optional<ContractStatus> status, Optional<ContractType> type,
                             Optional<String> applicantUscc, Optional<LocalDate> from, Optional<LocalDate> to) {
}
