package org.susong.applications;

import org.junit.jupiter.api.Test;
import org.susong.infra.local.ServiceArchitecture;

class ArchitectureTest {

    @Test
    void packages_follow_the_house_arrows() {
        // a registration change's district is kept as typed: an unknown one is 422 naming it (issue 20 item 6)
        ServiceArchitecture.check("org.susong.applications",
                "org.susong.applications.rest.ApplicantResource$RegistrationChangeRequest");
    }
}
