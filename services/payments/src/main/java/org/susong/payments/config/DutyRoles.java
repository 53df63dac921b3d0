package org.susong.payments.config;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Adds the payments duties ({@link PaymentsConfig#dutyRoles()}) a verified identity holds through its platform roles,
 * so each endpoint names the one duty it needs ({@code @RolesAllowed("batch-voider")}) and who holds it is
 * configuration, for bearer tokens and the development stub alike.
 */
@ApplicationScoped
public class DutyRoles implements SecurityIdentityAugmentor {

    public static final String PAYMENT_APPROVER = "payment-approver";
    public static final String BATCH_EXPORTER = "batch-exporter";
    public static final String BATCH_VOIDER = "batch-voider";
    public static final String BANK_FILE_IMPORTER = "bank-file-importer";

    private final PaymentsConfig config;

    DutyRoles(PaymentsConfig config) {
        this.config = config;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous()) {
            return Uni.createFrom().item(identity);
        }
        Set<String> duties = new LinkedHashSet<>();
        config.dutyRoles().forEach((duty, roles) -> {
            if (roles.stream().anyMatch(identity.getRoles()::contains)) {
                duties.add(duty);
            }
        });
        if (identity.getRoles().containsAll(duties)) {
            return Uni.createFrom().item(identity);
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity).addRoles(duties).build());
    }
}
