package org.susong.funds;

import org.junit.jupiter.api.Test;
import org.susong.testing.ServiceArchitecture;

class ArchitectureTest {

    @Test
    void packages_follow_the_house_arrows() {
        // Conversion.Request keeps ConversionRequested.v1's values as text: a wrong district is recorded and the
        // conversion rejected INVALID, not lost (its invalidity() reads the district with District.parse)
        ServiceArchitecture.check("org.susong.funds", "org.susong.funds.domain.Conversion$Request");
    }

    @Test
    void application_and_rest_speak_the_domain() {
        ServiceArchitecture.checkDomainSpoken("org.susong.funds");
    }

    @Test
    void states_are_types_in_the_application_layer() {
        ServiceArchitecture.checkStatesTyped();
    }
}
