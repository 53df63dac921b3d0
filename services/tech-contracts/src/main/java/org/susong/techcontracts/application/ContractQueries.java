package org.susong.techcontracts.application;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Optional;
import org.susong.commons.ids.District;
import org.susong.commons.rest.Page;
import org.susong.commons.security.Principal;
import org.susong.techcontracts.domain.ContractFilter;
import org.susong.techcontracts.domain.TechContract;
import org.susong.techcontracts.persistence.ContractListing;

/**
 * The portal's list of contracts, with the access rules of {@link ContractService#visibleTo} applied in the
 * query: registrars and auditors see every contract, a district officer its district's, an applicant those it
 * is a party to; anyone else (an officer without a district) sees none.
 */
@ApplicationScoped
public class ContractQueries {

    private final ContractListing listing;

    ContractQueries(ContractListing listing) {
        this.listing = listing;
    }

    public Page<TechContract> list(Principal principal, ContractFilter filter, String cursor, int limit) {
        return listing.page(filter, visible(principal), cursor, limit);
    }

    static ContractListing.Visible visible(Principal principal) {
        if (principal.hasAnyRole(ContractService.REGISTRAR, Principal.AUDITOR)) {
            return new ContractListing.Visible(true, Optional.empty(), Optional.empty());
        }
        Optional<District> district = principal.hasRole(Principal.OFFICER)
                ? principal.district().flatMap(District::parse) : Optional.empty();
        Optional<String> party = principal.hasRole(Principal.APPLICANT)
                ? principal.actingFor().map(u -> u.trim().toUpperCase(Locale.ROOT)).filter(u -> !u.isEmpty())
                : Optional.empty();
        return new ContractListing.Visible(false, district, party);
    }
}
