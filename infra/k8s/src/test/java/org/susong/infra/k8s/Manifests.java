package org.susong.infra.k8s;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The manifests as a cluster would receive them: the base's resources (each service's generated kubernetes.yml and
 * the committed files) with the base's patches applied, every object loaded into fabric8's model or, for Strimzi's
 * kinds, Strimzi's, and refused when a field is unknown to the model (fabric8 and Strimzi keep unknown fields in
 * additionalProperties instead of failing, so a misspelt field would otherwise pass unseen).
 */
final class Manifests {

    static final List<String> SERVICES = List.of("applications", "eligibility", "payments", "tech-contracts",
            "fund-investments");
    /** The reference portal (services/portal): its manifests are written by hand (base/portal.yaml). */
    static final String PORTAL = "portal";
    /** target/manifests: the tree an operator applies (base/, base/generated/, overlays/). */
    static final Path TREE = Path.of(System.getProperty("susong.k8s.manifests", "target/manifests"));
    /** infra/k8s itself: the committed files. */
    static final Path SOURCE = Path.of(System.getProperty("susong.k8s.source", "."));
    static final Path ROOT = Path.of(System.getProperty("susong.root", "../.."));

    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, Class<? extends HasMetadata>> STRIMZI = Map.of(
            "Kafka", Kafka.class, "KafkaNodePool", KafkaNodePool.class, "KafkaTopic", KafkaTopic.class,
            "KafkaUser", KafkaUser.class);

    private static Map<String, HasMetadata> base;

    private Manifests() {
    }

    /** The YAML documents of a file as trees (empty documents skipped). */
    static List<JsonNode> documents(Path file) {
        try (var parser = YAML.getFactory().createParser(file.toFile())) {
            List<JsonNode> docs = new ArrayList<>();
            YAML.readValues(parser, JsonNode.class).forEachRemaining(doc -> {
                if (doc != null && !doc.isNull() && !doc.isMissingNode() && doc.size() > 0) {
                    docs.add(doc);
                }
            });
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException(file.toString(), e);
        }
    }

    /** One object in its model: Strimzi's for Strimzi's kinds, fabric8's otherwise; an unknown kind or field fails. */
    static HasMetadata typed(JsonNode doc, String where) {
        String kind = doc.path("kind").asText();
        HasMetadata object;
        if (STRIMZI.containsKey(kind)) {
            String version = newInstance(STRIMZI.get(kind)).getApiVersion(); // Strimzi 0.49: kafka.strimzi.io/v1
            assertTrue(doc.path("apiVersion").asText().equals(version), where + ": " + kind + " must be " + version
                    + " (the version of Strimzi's model)");
            object = SERIALIZATION.convertValue(doc, STRIMZI.get(kind));
        } else {
            object = SERIALIZATION.unmarshal(doc.toString());
        }
        if (object instanceof GenericKubernetesResource) {
            fail(where + ": " + doc.path("apiVersion").asText() + " " + kind + " is not a kind of fabric8's or Strimzi's model");
        }
        String name = kind + "/" + object.getMetadata().getName();
        noUnknownFields(object, where + ": " + name, 0);
        return object;
    }

    private static HasMetadata newInstance(Class<? extends HasMetadata> type) {
        try {
            return type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static String key(HasMetadata object) {
        return object.getKind() + "/" + object.getMetadata().getName();
    }

    /** Every object of the base, by kind/name, with the base's patches applied. */
    static synchronized Map<String, HasMetadata> base() {
        if (base == null) {
            base = load(TREE.resolve("base"));
        }
        return base;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, HasMetadata> load(Path dir) {
        JsonNode kustomization = documents(dir.resolve("kustomization.yaml")).get(0);
        Map<String, HasMetadata> objects = new LinkedHashMap<>();
        for (JsonNode resource : kustomization.path("resources")) {
            Path file = dir.resolve(resource.asText());
            if (!Files.isRegularFile(file)) {
                fail(file + " is missing: the base names it. Generated files come from the services' package step "
                        + "(./mvnw package, quarkus-kubernetes): build the services before infra/k8s");
            }
            for (JsonNode doc : documents(file)) {
                for (JsonNode patch : kustomization.path("patches")) {
                    if (selects(patch.path("target"), doc)) {
                        applyJsonPatch((ObjectNode) doc, documents(dir.resolve(patch.path("path").asText())).get(0));
                    }
                }
                HasMetadata object = typed(doc, dir.relativize(file).toString());
                if (objects.put(key(object), object) != null) {
                    fail("two objects " + key(object) + " in the base");
                }
            }
        }
        return objects;
    }

    /** A Kustomize patch target (kind, group, labelSelector k=v,k=v) against an object. */
    static boolean selects(JsonNode target, JsonNode doc) {
        if (target.isMissingNode()) {
            return false;
        }
        if (target.has("kind") && !target.path("kind").asText().equals(doc.path("kind").asText())) {
            return false;
        }
        if (target.has("name") && !target.path("name").asText().equals(doc.path("metadata").path("name").asText())) {
            return false;
        }
        if (target.has("group")) {
            String apiVersion = doc.path("apiVersion").asText();
            String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
            if (!target.path("group").asText().equals(group)) {
                return false;
            }
        }
        if (target.has("labelSelector")) {
            JsonNode labels = doc.path("metadata").path("labels");
            for (String pair : target.path("labelSelector").asText().split(",")) {
                String[] kv = pair.split("=", 2);
                if (!labels.path(kv[0].trim()).asText("\u0000").equals(kv[1].trim())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The "add" operations of a JSON 6902 patch (the only ones the base uses). */
    static void applyJsonPatch(ObjectNode doc, JsonNode operations) {
        for (JsonNode op : operations) {
            if (!op.path("op").asText().equals("add")) {
                fail("only 'add' patches are understood here: " + op);
            }
            String[] tokens = op.path("path").asText().substring(1).split("/");
            JsonNode parent = doc;
            for (int i = 0; i < tokens.length - 1; i++) {
                parent = parent.isArray() ? parent.path(Integer.parseInt(tokens[i])) : parent.path(tokens[i]);
                if (parent.isMissingNode()) {
                    fail("patch path " + op.path("path").asText() + " does not exist in " + doc.path("metadata").path("name"));
                }
            }
            String last = tokens[tokens.length - 1];
            if (parent instanceof ArrayNode array) {
                if (last.equals("-")) {
                    array.add(op.path("value").deepCopy());
                } else {
                    array.insert(Integer.parseInt(last), op.path("value").deepCopy());
                }
            } else {
                ((ObjectNode) parent).set(last, op.path("value").deepCopy());
            }
        }
    }

    static List<Deployment> deployments() {
        return base().values().stream().filter(Deployment.class::isInstance).map(Deployment.class::cast).toList();
    }

    @SuppressWarnings("unchecked")
    static <T extends HasMetadata> T get(Class<T> type, String name) {
        HasMetadata object = base().values().stream().filter(type::isInstance)
                .filter(o -> o.getMetadata().getName().equals(name)).findFirst().orElse(null);
        if (object == null) {
            fail("the base has no " + type.getSimpleName() + " " + name);
        }
        return (T) object;
    }

    static <T extends HasMetadata> List<T> all(Class<T> type) {
        return base().values().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** A service's application.properties (its quarkus.kubernetes.* keys and incoming channels). */
    static Properties applicationProperties(String service) {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(ROOT.resolve("services").resolve(service)
                .resolve("src/main/resources/application.properties"))) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** Fails on any field the model did not know (kept in an additionalProperties map), anywhere in the object. */
    static void noUnknownFields(Object value, String path, int depth) {
        if (value == null || depth > 40) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                noUnknownFields(item, path + "[" + i++ + "]", depth + 1);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> noUnknownFields(v, path + "." + k, depth + 1));
            return;
        }
        String pkg = value.getClass().getPackageName();
        if (!pkg.startsWith("io.fabric8") && !pkg.startsWith("io.strimzi") || value.getClass().isEnum()) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object field;
            try {
                field = getter.invoke(value);
            } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (field instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    fail(path + " has fields its model does not know: " + extra.keySet());
                }
                continue;
            }
            if (field instanceof Map<?, ?> || field instanceof Collection<?>
                    || field != null && (field.getClass().getPackageName().startsWith("io.fabric8")
                            || field.getClass().getPackageName().startsWith("io.strimzi"))) {
                noUnknownFields(field, path + "." + decapitalize(getter.getName().substring(3)), depth + 1);
            }
        }
    }

    private static String decapitalize(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
