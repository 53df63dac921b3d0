package org.susong.portal.application;

import java.util.List;

/** The states an application can be in (applications' {@code ApplicationStatus}, as its OpenAPI lists them). */
public final class ApplicationStates {

    public static final List<String> ALL = List.of("DRAFT", "SUBMITTED", "UNDER_REVIEW", "APPEALED", "REJECTED",
            "APPROVED", "WAITLISTED", "IN_PUBLIC_NOTICE", "ON_HOLD", "PAYMENT_SCHEDULED", "PAID", "PAYMENT_RETURNED",
            "CONVERTED", "CLOSED", "WITHDRAWN");

    private ApplicationStates() {
    }
}
