package org.susong.applications.application;

import jakarta.enterprise.context.ApplicationScoped;

/** Resubmission of a rejected application (issue 20 item 5): not built yet. */
@ApplicationScoped
public class ResubmissionService {

    /** Test seam: runs after the rejected application is closed, before its resubmission is stored. */
    volatile Runnable afterClosing = () -> { };
}
