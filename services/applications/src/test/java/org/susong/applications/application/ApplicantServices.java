package org.susong.applications.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import org.susong.applications.config.ApplicationsConfig;
import org.susong.applications.persistence.ApplicantRepository;
import org.susong.applications.persistence.ApplicationRepository;
import org.susong.commons.messaging.OutboxRelay;

/**
 * The one set-up of applications' tests of an applicant's account change and what follows it (its follow-up sweep,
 * the payee snapshots): the services and stores involved, and the applicant service of a replica whose clock is ahead
 * (a cooling-off passed).
 */
abstract class ApplicantServices {

    @Inject
    DistrictMoves districtMoves;
    @Inject
    OutboxRelay relay;
    @Inject
    ObjectMapper json;
    /** The service's business clock (%test: 2026-06-15, running on): test dates read it, never the machine's. */
    @Inject
    Clock businessClock;
    @Inject
    ApplicantRepository applicants;
    @Inject
    ApplicationRepository applicationRepository;
    @Inject
    ApplicationService applications;
    @Inject
    LifecycleService lifecycle;
    @Inject
    FollowUpSweep sweep;
    @Inject
    ApplicationsConfig config;
    @Inject
    MongoClient mongo;

    /** The applicant service of a replica whose clock is {@code ahead} of {@code clock}. */
    ApplicantService applicantServiceAhead(Clock clock, Duration ahead) {
        return new ApplicantService(applicants, applications, lifecycle, config, Clock.offset(clock, ahead),
                districtMoves, relay, json);
    }
}
