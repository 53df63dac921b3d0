package org.susong.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The list contract of issue 24, checked against a running service: every GET operation of the service's
 * resources that answers a collection answers the commons {@code Page} envelope ({@code items},
 * {@code nextCursor}, {@code limit}) - never a bare array or map - and each of them takes {@code limit} and
 * {@code cursor}, refuses a {@code limit} above 200, and refuses a query parameter it does not know with a 400
 * problem naming it. The operations are found by reflection on the service's classes, so a new list is
 * checked without being listed here. The calls go through REST-assured: a test class under
 * {@code @ExtendWith(ContractValidation.class)} has every one of them checked against the service's document too.
 */
public final class ListContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Headers of a caller with every role (the development header identity of the test profile). */
    public static final Map<String, String> EVERY_ROLE = Map.of("X-User", "list-contract",
            "X-Roles", "admin,auditor,finance,officer,registrar,fund-manager,applicant", "X-District", "huli",
            "X-Acting-For", "91350200MA31G8Q17K");

    // by name: this module does not put JAX-RS on its class path
    private static final String PATH = "jakarta.ws.rs.Path";
    private static final String GET = "jakarta.ws.rs.GET";

    private ListContract() {
    }

    static boolean annotated(java.lang.annotation.Annotation[] annotations, String type) {
        for (java.lang.annotation.Annotation a : annotations) {
            if (a.annotationType().getName().equals(type)) {
                return true;
            }
        }
        return false;
    }

    static String annotationValue(java.lang.annotation.Annotation[] annotations, String type) {
        for (java.lang.annotation.Annotation a : annotations) {
            if (a.annotationType().getName().equals(type)) {
                try {
                    return (String) a.annotationType().getMethod("value").invoke(a);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return null;
    }

    /** One list operation: its path template and the Java method behind it. */
    public record ListOperation(String path, Method method) {
    }

    /**
     * The GET operations of {@code basePackage}'s resources; fails naming each one that answers a bare collection
     * (a {@link Collection}, an array or a {@link Map}).
     */
    public static List<ListOperation> lists(String basePackage) {
        List<ListOperation> lists = new ArrayList<>();
        List<String> bare = new ArrayList<>();
        for (JavaClass type : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage)) {
            Class<?> resource = type.reflect();
            String root = annotationValue(resource.getAnnotations(), PATH);
            if (root == null) {
                continue;
            }
            for (Method m : resource.getDeclaredMethods()) {
                if (!annotated(m.getAnnotations(), GET)) {
                    continue;
                }
                String sub = annotationValue(m.getAnnotations(), PATH);
                String path = join(root, sub == null ? "" : sub);
                Class<?> answer = m.getReturnType();
                if (Collection.class.isAssignableFrom(answer) || answer.isArray() || Map.class.isAssignableFrom(answer)) {
                    bare.add("GET " + path + " (" + resource.getSimpleName() + "." + m.getName() + ")");
                } else if (answer.getName().equals("org.susong.commons.rest.Page")) {
                    lists.add(new ListOperation(path, m));
                }
            }
        }
        if (!bare.isEmpty()) {
            throw new AssertionError("lists answer the commons Page envelope {items, nextCursor, limit}, not a bare "
                    + "collection: " + bare);
        }
        lists.sort(java.util.Comparator.comparing(ListOperation::path));
        return lists;
    }

    /**
     * Checks every list of {@code basePackage} on the service at {@code port}. {@code required}: query parameters an
     * operation cannot be called without (by path template); path parameters are filled with {@code x}.
     */
    public static List<String> check(int port, String basePackage, Map<String, Map<String, String>> required) {
        List<ListOperation> lists = lists(basePackage);
        if (lists.isEmpty()) {
            throw new AssertionError("no list operation found in " + basePackage);
        }
        List<String> failures = new ArrayList<>();
        for (ListOperation list : lists) {
            String path = list.path().replaceAll("\\{[^}]+}", "x");
            Map<String, String> params = new LinkedHashMap<>(required.getOrDefault(list.path(), Map.of()));
            params.put("limit", "1");
            Answer ok = get(port, path, params);
            if (ok.status() == 200) {
                if (!ok.body().path("items").isArray() || ok.body().path("limit").asInt() != 1
                        || !ok.body().has("nextCursor")) {
                    failures.add(list.path() + ": 200 without the envelope {items, nextCursor, limit=1}: " + ok.text());
                }
            } else if (ok.status() == 400 || ok.status() >= 500) {
                failures.add(list.path() + ": the envelope parameters were refused: " + ok.status() + " " + ok.text());
            }
            Map<String, String> withCursor = new LinkedHashMap<>(params);
            withCursor.put("cursor", "bm90LW91cnM");
            Answer cursor = get(port, path, withCursor);
            if (cursor.status() >= 500) {
                failures.add(list.path() + ": a foreign cursor failed the service: " + cursor.status() + " " + cursor.text());
            }
            Map<String, String> tooMany = new LinkedHashMap<>(params);
            tooMany.put("limit", "201");
            Answer big = get(port, path, tooMany);
            if (big.status() != 400 || !"limit".equals(big.body().path("field").asText())) {
                failures.add(list.path() + ": limit=201 not refused naming limit: " + big.status() + " " + big.text());
            }
            Map<String, String> unknown = new LinkedHashMap<>(params);
            unknown.put("fromDate", "2030-01-01");
            Answer refused = get(port, path, unknown);
            if (refused.status() != 400 || !"fromDate".equals(refused.body().path("field").asText())
                    || !refused.body().path("detail").asText().contains("fromDate")) {
                failures.add(list.path() + ": an unknown parameter not refused naming it: " + refused.status() + " "
                        + refused.text());
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError(String.join("\n", failures));
        }
        return lists.stream().map(ListOperation::path).toList();
    }

    record Answer(int status, String text, JsonNode body) {
    }

    /**
     * One GET with REST-assured, so the filters a test class added see it: under {@code ContractValidation} every
     * exchange of the list contract is also checked against the service's own OpenAPI document.
     */
    static Answer get(int port, String path, Map<String, String> params) {
        io.restassured.response.Response response = io.restassured.RestAssured.given().port(port)
                .headers(EVERY_ROLE).queryParams(new TreeMap<>(params)).get(path);
        String text = response.asString();
        JsonNode body;
        try {
            body = JSON.readTree(text == null || text.isEmpty() ? "{}" : text);
        } catch (IOException e) {
            body = JSON.createObjectNode();
        }
        return new Answer(response.statusCode(), text, body);
    }

    static String join(String root, String sub) {
        String joined = ("/" + root + "/" + sub).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }
}
