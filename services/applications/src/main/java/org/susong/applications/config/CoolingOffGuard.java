package org.susong.applications.config;

import java.time.Duration;
import java.util.List;

/** Seam for the test of the cooling-off floor (no check yet). */
public final class CoolingOffGuard {

    private CoolingOffGuard() {
    }

    static void require(List<String> profiles, Duration coolingOff, Duration floor) {
    }
}
