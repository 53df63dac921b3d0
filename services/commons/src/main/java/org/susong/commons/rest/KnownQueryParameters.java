package org.susong.commons.rest;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.UriInfo;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every operation of every service refuses a query parameter it does not declare with 400 naming it:
 * a misspelt filter ({@code ?form=2030-01-01}) would otherwise be ignored and answer the unfiltered
 * list as if it were the filtered one.
 */
public class KnownQueryParameters {

    private final Map<Method, Set<String>> declared = new ConcurrentHashMap<>();

    /**
     * On in every service (the default). Off only for an application whose operations are pages rather than an API
     * (the portal: its pages read {@code ?lang=} through {@code UriInfo} on every path, declared by none of them).
     */
    @jakarta.inject.Inject
    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "susong.http.refuse-unknown-query-parameters",
            defaultValue = "true")
    boolean refuse = true;

    @ServerRequestFilter
    public void refuseUnknown(UriInfo uri, ResourceInfo resource) {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (!refuse || method == null || uri.getQueryParameters().isEmpty()) {
            return;
        }
        Set<String> known = declared.computeIfAbsent(method, KnownQueryParameters::names);
        List<String> unknown = uri.getQueryParameters().keySet().stream().filter(name -> !known.contains(name))
                .sorted().toList();
        if (!unknown.isEmpty()) {
            throw ProblemException.badRequest(unknown.get(0), "unknown query parameter" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + "; this operation takes " + (known.isEmpty() ? "none"
                    : String.join(", ", known))).with("unknownParameters", unknown);
        }
    }

    /** The query parameters a resource method declares, directly or in a {@code @BeanParam}. */
    static Set<String> names(Method method) {
        Set<String> names = new TreeSet<>();
        Annotation[][] annotations = method.getParameterAnnotations();
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < annotations.length; i++) {
            for (Annotation a : annotations[i]) {
                if (a instanceof QueryParam q) {
                    names.add(q.value());
                } else if (a instanceof BeanParam) {
                    for (Class<?> c = types[i]; c != null && c != Object.class; c = c.getSuperclass()) {
                        for (Field f : c.getDeclaredFields()) {
                            QueryParam q = f.getAnnotation(QueryParam.class);
                            if (q != null) {
                                names.add(q.value());
                            }
                        }
                    }
                }
            }
        }
        return names;
    }
}
