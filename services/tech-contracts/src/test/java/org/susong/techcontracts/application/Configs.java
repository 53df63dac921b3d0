package org.susong.techcontracts.application;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.susong.techcontracts.config.RegistrationConfig;

/** The service's registration settings with some values replaced, for a second instance of a service. */
final class Configs {

    private Configs() {
    }

    static RegistrationConfig with(RegistrationConfig base, Map<String, Object> values) {
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
