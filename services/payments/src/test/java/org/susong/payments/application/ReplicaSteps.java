package org.susong.payments.application;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.susong.commons.messaging.OutboxConfig;
import org.susong.commons.messaging.OutboxRelay;
import org.susong.payments.config.PaymentsConfig;
import org.susong.payments.persistence.AllocationRepository;
import org.susong.payments.persistence.BatchRepository;
import org.susong.payments.persistence.OrderRepository;
import org.susong.payments.persistence.PayeeRepository;
import org.susong.payments.persistence.RecoveryRepository;
import org.susong.payments.persistence.StatementRepository;
import org.susong.payments.persistence.SupersessionRepository;
import org.susong.payments.persistence.WithdrawalRepository;
import org.susong.payments.rest.ProcessorSteps;

/**
 * The one home of the wiring of payments' race and crash tests (issue 21): beside the processor's steps
 * ({@link ProcessorSteps}), the repositories, collaborators and configuration from which a test builds a second
 * instance of a service over the same store (another replica, or a writer acting between a read and its write).
 */
public abstract class ReplicaSteps extends ProcessorSteps {

    @Inject
    protected ApplicantChanges applicantChanges;
    @Inject
    protected ReconciliationService reconciliation;
    @Inject
    protected RecoveryService recoveryService;
    @Inject
    protected ResendService resends;
    @Inject
    protected BankChannel channel;
    @Inject
    protected OrderMoves moves;
    @Inject
    protected OrderRepository orderRepository;
    @Inject
    protected SupersessionRepository supersessions;
    @Inject
    protected BatchRepository batches;
    @Inject
    protected AllocationRepository allocationRepository;
    @Inject
    protected StatementRepository statements;
    @Inject
    protected PayeeRepository payees;
    @Inject
    protected RecoveryRepository recoveries;
    @Inject
    protected WithdrawalRepository withdrawals;
    @Inject
    protected OutboxRelay relay;
    @Inject
    protected OutboxConfig outboxConfig;
    @Inject
    protected ObjectMapper json;
    @Inject
    protected PaymentsConfig config;
    @Inject
    protected MeterRegistry registry;
    @Inject
    protected MongoClient mongo;
    @ConfigProperty(name = "quarkus.mongodb.database")
    protected String database;
}
