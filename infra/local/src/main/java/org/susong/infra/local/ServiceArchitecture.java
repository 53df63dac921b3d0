package org.susong.infra.local;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;

/**
 * Test support: the package arrows of house-style.md, checked with ArchUnit in every service.
 * domain depends on nothing outside itself (and the plain value types of commons); rest and
 * messaging.in call application; persistence and messaging.out serve application.
 */
public final class ServiceArchitecture {

    private ServiceArchitecture() {
    }

    /** Checks a service's main classes; throws {@link AssertionError} naming each violation. */
    public static void check(String basePackage) {
        check(basePackage, new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage));
    }

    static void check(String basePackage, JavaClasses classes) {
        layers(basePackage).check(classes);
        pureDomain(basePackage).check(classes);
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

    static ArchRule pureDomain(String base) {
        return ArchRuleDefinition.noClasses().that().resideInAPackage(base + ".domain..")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "jakarta..", "com.mongodb..",
                        "org.bson..", "org.apache.kafka..", "io.smallrye..", "com.fasterxml..",
                        "org.susong.commons.messaging..", "org.susong.commons.persistence..", "org.susong.commons.rest..")
                .because("aggregates decide; they know nothing of Quarkus, MongoDB or Kafka (house-style.md)");
    }
}
