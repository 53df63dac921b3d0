package org.susong.commons.rest;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Request bodies over {@code quarkus.http.limits.max-body-size} (1 MB) are refused before any
 * resource runs. Quarkus' own check (route order -2) answers with an empty 413; this one runs just
 * before it and answers the same refusal as problem+json, like every other error. Bodies without a
 * Content-Length are still cut off by Quarkus while they are read.
 *
 * <p>A service whose bulk endpoints need a bigger limit raises {@code quarkus.http.limits.max-body-size}
 * for them, lists them in {@code susong.http.large-body-paths} and keeps every other path to
 * {@code susong.http.max-body-size}: refused here when the Content-Length says so, cut off while read
 * otherwise (the reader's limit is lowered just after Quarkus sets it). A {@code *} in a listed path stands for one
 * path segment ({@code /applications/*}{@code /attachments}: any application's upload path).
 */
@ApplicationScoped
public class BodyTooLarge {

    /** Just before Quarkus' upload-limit route ({@code RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT} = -2). */
    static final int ORDER = -3;

    /** The routing-context key Quarkus' body readers take their limit from (set by its route -2). */
    static final String READER_LIMIT = "io.quarkus.max-request-size";

    void install(@Observes Router router,
                 @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> limit,
                 @ConfigProperty(name = "susong.http.max-body-size") Optional<MemorySize> ordinaryLimit,
                 @ConfigProperty(name = "susong.http.large-body-paths") Optional<List<String>> largeBodyPaths) {
        if (limit.isEmpty()) {
            return;
        }
        List<String> large = List.copyOf(largeBodyPaths.orElse(List.of()));
        long ordinary = ordinaryLimit.map(MemorySize::asLongValue).orElse(limit.get().asLongValue());
        router.route().order(ORDER).handler(context -> {
            long max = large(large, context.normalizedPath()) ? limit.get().asLongValue() : ordinary;
            String length = context.request().getHeader("Content-Length");
            if (length != null && length.chars().allMatch(Character::isDigit) && !length.isEmpty()
                    && Long.parseLong(length) > max) {
                context.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .putHeader("Connection", "close")
                        .end(new JsonObject().put("type", "https://susong.xm.gov.cn/problems/413")
                                .put("title", "Request body too large").put("status", 413)
                                .put("detail", "the request body has " + length + " bytes; at most " + max + " are accepted")
                                .put("instance", context.normalizedPath()).encode());
            } else {
                context.next();
            }
        });
        if (ordinary < limit.get().asLongValue()) {
            router.route().order(ORDER + 2).handler(context -> {
                if (!large(large, context.normalizedPath())) {
                    context.put(READER_LIMIT, ordinary);
                }
                context.next();
            });
        }
    }

    /** Whether {@code path} is one of {@code patterns}, where {@code *} stands for one path segment. */
    static boolean large(List<String> patterns, String path) {
        String[] segments = path.split("/", -1);
        for (String pattern : patterns) {
            String[] expected = pattern.split("/", -1);
            if (expected.length != segments.length) {
                continue;
            }
            boolean match = true;
            for (int i = 0; i < expected.length && match; i++) {
                match = expected[i].equals("*") ? !segments[i].isEmpty() : expected[i].equals(segments[i]);
            }
            if (match) {
                return true;
            }
        }
        return false;
    }
}
