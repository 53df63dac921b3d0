package org.susong.testing;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaParameter;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Test support: the package arrows of docs/architecture.md#packages, checked with ArchUnit in every service.
 * domain depends on nothing outside itself (and the plain value types of commons); rest and
 * messaging.in call application; persistence and messaging.out serve application.
 */
public final class ServiceArchitecture {

    private ServiceArchitecture() {
    }

    /**
     * Checks a service's main classes; throws {@link AssertionError} naming each violation. {@code asReceived}: the
     * fully qualified names of types that keep an inbound message's values as text on purpose (a wrong value is
     * recorded and rejected, not lost), exempt from {@link #typedDistricts}.
     */
    public static void check(String basePackage, String... asReceived) {
        check(basePackage, new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage), asReceived);
    }

    static void check(String basePackage, JavaClasses classes, String... asReceived) {
        layers(basePackage).check(classes);
        pureDomain(basePackage).check(classes);
        typedDistricts(basePackage, asReceived).check(classes);
        oneDatabase(basePackage).check(classes);
    }

    /**
     * Opt-in (issue 21): checks that a service's {@link #domainSpoken application and rest packages speak the domain};
     * throws {@link AssertionError} naming each violation. A service applies it once its layers no longer pass
     * documents around.
     */
    public static void checkDomainSpoken(String basePackage) {
        checkDomainSpoken(basePackage, new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(basePackage));
    }

    static void checkDomainSpoken(String basePackage, JavaClasses classes) {
        domainSpoken(basePackage).check(classes);
    }

    /**
     * The application layer speaks the domain: {@code application} and {@code rest} use neither the BSON types nor the
     * MongoDB driver. Conditional updates, filters and documents stay inside {@code persistence} (as payments'
     * {@code OrderRepository.transition}); the layers above pass domain records and answer view records. The outbox
     * entries commons' {@code Outbox.entries} builds are handed to persistence unread.
     */
    static ArchRule domainSpoken(String base) {
        return ArchRuleDefinition.noClasses().that().resideInAnyPackage(base + ".application..", base + ".rest..")
                .should().dependOnClassesThat().resideInAnyPackage("org.bson..", "com.mongodb..")
                .because("the application layer speaks the domain; documents and conditional updates stay in"
                        + " persistence (docs/architecture.md#packages)")
                .allowEmptyShould(true);
    }

    static ArchRule layers(String base) {
        return layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("domain").definedBy(base + ".domain..")
                .layer("application").definedBy(base + ".application..")
                .layer("persistence").definedBy(base + ".persistence..")
                .layer("messaging.in").definedBy(base + ".messaging.in..")
                .layer("messaging.out").definedBy(base + ".messaging.out..")
                .layer("rest").definedBy(base + ".rest..")
                .layer("config").definedBy(base + ".config..")
                .whereLayer("rest").mayNotBeAccessedByAnyLayer()
                .whereLayer("messaging.in").mayNotBeAccessedByAnyLayer()
                .whereLayer("application").mayOnlyBeAccessedByLayers("rest", "messaging.in")
                .whereLayer("persistence").mayOnlyBeAccessedByLayers("application", "messaging.in")
                .whereLayer("messaging.out").mayOnlyBeAccessedByLayers("application")
                .allowEmptyShould(true);
    }

    /**
     * The District enum of commons is the only district type of an API or domain type: a field (a record
     * component) whose name says district in {@code domain} or {@code rest} is never a plain String, so
     * every service reads any case and answers one canonical form.
     */
    static ArchRule typedDistricts(String base, String... asReceived) {
        return ArchRuleDefinition.noFields().that().areDeclaredInClassesThat()
                .resideInAnyPackage(base + ".domain..", base + ".rest..")
                .and(DescribedPredicate.describe("not declared in a type kept as received " + List.of(asReceived),
                        (JavaField f) -> !List.of(asReceived).contains(f.getOwner().getName())))
                .and().haveNameMatching("(?i).*district.*")
                .should().haveRawType(String.class)
                .because("a district is the commons District enum, read in any case and answered as its name (issue 24)")
                .allowEmptyShould(true);
    }

    static final String DATABASE_PROPERTY = "quarkus.mongodb.database";

    /**
     * One database per service, produced once (issue 21 item 7): no class of the service reads
     * {@code quarkus.mongodb.database} into a {@code @ConfigProperty} parameter or field to call
     * {@code MongoClient.getDatabase} itself; it injects the {@code MongoDatabase} commons' {@code ServiceDatabase}
     * produces. The client stays for what spans databases (commons' {@code StoreReadiness} pings {@code admin}).
     */
    static ArchRule oneDatabase(String base) {
        return ArchRuleDefinition.classes().that().resideInAPackage(base + "..")
                .should(new ArchCondition<JavaClass>("not read " + DATABASE_PROPERTY + " themselves") {
                    @Override
                    public void check(JavaClass type, ConditionEvents events) {
                        for (JavaCodeUnit unit : type.getCodeUnits()) {
                            for (JavaParameter parameter : unit.getParameters()) {
                                if (readsDatabaseName(parameter.getAnnotations())) {
                                    events.add(SimpleConditionEvent.violated(type, unit.getFullName() + " parameter "
                                            + parameter.getIndex() + " reads " + DATABASE_PROPERTY));
                                }
                            }
                        }
                        for (JavaField field : type.getFields()) {
                            if (readsDatabaseName(field.getAnnotations())) {
                                events.add(SimpleConditionEvent.violated(type, field.getFullName() + " reads "
                                        + DATABASE_PROPERTY));
                            }
                        }
                    }
                })
                .because("the service's MongoDatabase is produced once by commons' ServiceDatabase; inject MongoDatabase"
                        + " (docs/architecture.md#packages)")
                .allowEmptyShould(true);
    }

    private static boolean readsDatabaseName(Set<? extends JavaAnnotation<?>> annotations) {
        return annotations.stream().anyMatch(a -> a.getRawType().getName()
                .equals("org.eclipse.microprofile.config.inject.ConfigProperty")
                && a.get("name").map(DATABASE_PROPERTY::equals).orElse(false));
    }

    static ArchRule pureDomain(String base) {
        return ArchRuleDefinition.noClasses().that().resideInAPackage(base + ".domain..")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "jakarta..", "com.mongodb..",
                        "org.bson..", "org.apache.kafka..", "io.smallrye..", "com.fasterxml..",
                        "org.susong.commons.messaging..", "org.susong.commons.persistence..", "org.susong.commons.rest..")
                .because("aggregates decide; they know nothing of Quarkus, MongoDB or Kafka (docs/architecture.md#packages)");
    }
    /**
     * A string state compared in the application layer: a quoted UPPER_CASE literal compared with {@code equals} (either
     * side, {@code equalsIgnoreCase} too) or used as a {@code case} label, e.g. {@code "OPEN".equals(batch.state())}.
     */
    static final Pattern STRING_STATE = Pattern.compile(
            "\"[A-Z][A-Z_]{2,}\"\\s*\\.equals(IgnoreCase)?\\(|equals(IgnoreCase)?\\(\\s*\"[A-Z][A-Z_]{2,}\"\\s*\\)"
                    + "|\\bcase\\s+\"[A-Z][A-Z_]{2,}\"");

    /**
     * Opt-in (issue 21 item 2): states are types. No source of the service's {@code application} packages compares a
     * string state ({@link #STRING_STATE}); the state is an enum in {@code domain} with its moves on it (payments'
     * {@code OrderState}, commons' {@code Transitions}), and the text stays where it is stored or published. Reads the
     * module's {@code src/main/java} (a test runs in its module's folder); throws {@link AssertionError} naming each
     * {@code file:line}.
     */
    public static void checkStatesTyped() {
        checkStatesTyped(Path.of("src", "main", "java"));
    }

    static void checkStatesTyped(Path sources) {
        List<String> found = stringStates(sources);
        if (!found.isEmpty()) {
            throw new AssertionError("string states compared in the application layer (make the state an enum in domain,"
                    + " docs/architecture.md#packages):\n  " + String.join("\n  ", found));
        }
    }

    /** {@code file:line: text} of each string-state comparison in the {@code application} sources under {@code sources}. */
    static List<String> stringStates(Path sources) {
        if (!Files.isDirectory(sources)) {
            throw new AssertionError("no sources at " + sources.toAbsolutePath());
        }
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java") && inApplication(sources.relativize(f)))
                    .sorted().toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    if (STRING_STATE.matcher(lines.get(i)).find()) {
                        found.add(sources.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).trim());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    private static boolean inApplication(Path relative) {
        for (int i = 0; i < relative.getNameCount() - 1; i++) {
            if (relative.getName(i).toString().equals("application")) {
                return true;
            }
        }
        return false;
    }
}
