package org.susong.eligibility;

import org.junit.jupiter.api.Test;
import org.susong.testing.ServiceArchitecture;

class ArchitectureTest {

    @Test
    void packages_follow_the_house_arrows() {
        ServiceArchitecture.check("org.susong.eligibility");
    }
}
