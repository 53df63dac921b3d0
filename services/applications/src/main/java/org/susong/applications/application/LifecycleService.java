package org.susong.applications.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.susong.applications.domain.Application;
import org.susong.applications.domain.Fact;
import org.susong.applications.persistence.ApplicationRepository;
import org.susong.applications.persistence.EarlyFacts;

/**
 * Records facts from other services on an application's timeline, once per event id. A fact
 * about an application this service has not seen yet is kept and applied when it appears.
 */
@ApplicationScoped
public class LifecycleService {

    private final ApplicationRepository applications;
    private final EarlyFacts earlyFacts;

    LifecycleService(ApplicationRepository applications, EarlyFacts earlyFacts) {
        this.applications = applications;
        this.earlyFacts = earlyFacts;
    }

    public void record(String applicationId, Fact fact) {
        Optional<ApplicationRepository.Versioned> found = applications.find(applicationId);
        if (found.isEmpty()) {
            earlyFacts.keep(applicationId, fact);
            return;
        }
        Application current = found.get().application();
        Application next = current.record(fact);
        if (next != current) {
            applications.saveTimeline(next, found.get().version());
        }
    }

    public Optional<Application> find(String id) {
        return applications.find(id).map(ApplicationRepository.Versioned::application);
    }
}
