package org.susong.eligibility;

import org.junit.jupiter.api.Test;
import org.susong.testing.ServiceArchitecture;

class ArchitectureTest {

    @Test
    void packages_follow_the_house_arrows() {
        ServiceArchitecture.check("org.susong.eligibility");
    }

    @Test
    void application_and_rest_speak_the_domain() {
        ServiceArchitecture.checkDomainSpoken("org.susong.eligibility");
    }

    @Test
    void states_are_types_in_the_application_layer() {
        ServiceArchitecture.checkStatesTyped();
    }
}
