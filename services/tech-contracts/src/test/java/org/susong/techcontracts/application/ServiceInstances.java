package org.susong.techcontracts.application;

import jakarta.inject.Inject;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.susong.commons.security.Principal;
import org.susong.commons.time.BusinessClock;
import org.susong.techcontracts.config.RegistrationConfig;
import org.susong.techcontracts.persistence.ContractRepository;
import org.susong.techcontracts.persistence.RegistrationCounter;
import org.susong.testing.Usccs;

/** The service's beans, for tests that build second instances of its application services with other settings. */
abstract class ServiceInstances {

    static final Principal REGISTRAR = new Principal("registrar-direct", Set.of(ContractService.REGISTRAR),
            Optional.empty(), Optional.empty());

    @Inject
    ContractRepository contracts;
    @Inject
    RegistrationCounter counter;
    @Inject
    RegistrationConfig config;
    @Inject
    ReferenceData reference;
    @Inject
    ContractWriter writer;
    @Inject
    Clock clock;

    LocalDate today() {
        return LocalDate.now(clock.withZone(BusinessClock.ZONE));
    }

    /** A valid USCC of a test's own series (two letters), so that tests never collide in the duplicate guard. */
    static String uscc(String series, int n) {
        return Usccs.valid(series, n);
    }

    /** The service's registration settings with some values replaced (by method name). */
    RegistrationConfig config(Map<String, Object> values) {
        RegistrationConfig base = config;
        return (RegistrationConfig) Proxy.newProxyInstance(RegistrationConfig.class.getClassLoader(),
                new Class<?>[] {RegistrationConfig.class}, (proxy, method, args) -> {
                    if (values.containsKey(method.getName())) {
                        return values.get(method.getName());
                    }
                    try {
                        return method.invoke(base, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
