package org.susong.applications.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Optional;
import org.susong.applications.domain.Applicant;
import org.susong.applications.domain.ApplicantType;
import org.susong.applications.persistence.ApplicantRepository;
import org.susong.commons.ids.District;
import org.susong.commons.ids.Uscc;
import org.susong.commons.rest.ProblemException;
import org.susong.commons.security.Principal;

/** The applicant registry's use cases. */
@ApplicationScoped
public class ApplicantService {

    public record RegisterCommand(String uscc, String name, ApplicantType type, District district, String checkOverrideReason) {
    }

    private final ApplicantRepository applicants;
    private final Clock clock;

    ApplicantService(ApplicantRepository applicants, Clock clock) {
        this.applicants = applicants;
        this.clock = clock;
    }

    public Applicant register(Principal principal, RegisterCommand command) {
        Uscc uscc = Uscc.parse(command.uscc());
        Applicant applicant = Applicant.register(uscc, command.name(), command.type(), command.district(),
                command.checkOverrideReason(), principal.hasRole(Principal.OFFICER), principal.asActor(), clock.instant());
        if (!applicants.insert(applicant)) {
            throw ProblemException.conflict("an applicant with USCC " + uscc + " is already registered")
                    .with("applicant", "/applicants/" + uscc);
        }
        return applicant;
    }

    public Optional<Applicant> find(String uscc) {
        return applicants.find(uscc);
    }
}
