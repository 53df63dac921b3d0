package org.susong.portal.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.susong.portal.client.ContractDetail;
import org.susong.portal.client.ContractStatistics;
import org.susong.portal.client.RefusalRequest;
import org.susong.portal.client.RegistryClient;
import org.susong.portal.client.ServiceError;
import org.susong.portal.client.ServicePage;
import org.susong.portal.config.PortalConfig;
import org.susong.portal.domain.Person;
import org.susong.portal.domain.Role;

/**
 * What the registrar's pages read and write, as the signed-in registrar: tech-contracts decides what the registry may
 * do (registrar only, SUBMITTED only: its 409) and refuses with a problem naming the field. The portal writes nothing
 * of its own; the two writes are the service's registration and refusal.
 */
@ApplicationScoped
public class RegistrarQueries {

    /** How many years back {@link #latest} looks for a year with registered contracts (two a request). */
    static final int YEARS_BACK = 10;

    private final RegistryClient registry;
    private final PortalConfig config;

    RegistrarQueries(@RestClient RegistryClient registry, PortalConfig config) {
        this.registry = registry;
        this.config = config;
    }

    /** A page of the contracts waiting for review (SUBMITTED, every district), in the service's order. */
    public ServicePage<ContractDetail> queue(Person person, String cursor) {
        PortalQueries.require(person, Role.REGISTRAR);
        return Calls.as("tech-contracts", person,
                as -> registry.list(as, CaseQueries.SUBMITTED, blank(cursor), config.pageSize()));
    }

    /** The contract; empty when the service answers 404. */
    public Optional<ContractDetail> contract(Person person, String id) {
        PortalQueries.require(person, Role.REGISTRAR);
        try {
            return Optional.of(Calls.as("tech-contracts", person, as -> registry.get(as, id)));
        } catch (ServiceError e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Registers the contract (the service issues the 16-digit number); the contract as the service answers it. */
    public ContractDetail register(Person person, String id) {
        PortalQueries.require(person, Role.REGISTRAR);
        return Calls.as("tech-contracts", person, as -> registry.register(as, id));
    }

    /** Refuses the contract with the reasons; the contract as the service answers it. */
    public ContractDetail refuse(Person person, String id, RefusalRequest request) {
        PortalQueries.require(person, Role.REGISTRAR);
        return Calls.as("tech-contracts", person, as -> registry.refuse(as, id, request));
    }

    /** The year's statistics as the service computes them. */
    public ContractStatistics statistics(Person person, int year) {
        PortalQueries.require(person, Role.REGISTRAR);
        return Calls.as("tech-contracts", person, as -> registry.statistics(as, year));
    }

    /** The service's CSV of the year, as it wrote it. */
    public String statisticsCsv(Person person, int year) {
        PortalQueries.require(person, Role.REGISTRAR);
        return Calls.as("tech-contracts", person, as -> registry.statisticsCsv(as, year));
    }

    /**
     * The statistics of the latest year with registered contracts, from {@code thisYear} back at most
     * {@link #YEARS_BACK} years (the service lists no years: each answer also counts the year before, so one request
     * covers two years); {@code thisYear}'s (empty) figures when none has any.
     */
    public ContractStatistics latest(Person person, int thisYear) {
        ContractStatistics first = statistics(person, thisYear);
        ContractStatistics answer = first;
        for (int year = thisYear; year > thisYear - YEARS_BACK; year -= 2) {
            if (answer.any()) {
                return answer;
            }
            if (answer.previousYear() != null && answer.previousYear().count() > 0) {
                return statistics(person, year - 1);
            }
            int older = year - 2;
            if (older <= thisYear - YEARS_BACK) {
                break;
            }
            answer = statistics(person, older);
        }
        return first;
    }

    private static String blank(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
