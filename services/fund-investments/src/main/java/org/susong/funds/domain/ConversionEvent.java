package org.susong.funds.domain;

import java.time.Instant;

/** What a conversion announces to payments. */
public sealed interface ConversionEvent {

    String conversionId();

    record Completed(String conversionId, Conversion.Request request, String fundId, String investmentId,
                     Instant completedAt) implements ConversionEvent {
    }

    record Rejected(String conversionId, Conversion.Request request, Conversion.Rejection rejection, Instant rejectedAt)
            implements ConversionEvent {
    }
}
