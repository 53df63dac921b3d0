package org.susong.infra.local;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/** The rule every service's ArchitectureTest applies can fail: it refuses the two shortcuts house-style.md forbids. */
class ServiceArchitectureTest {

    static final String FIXTURES = "org.susong.infra.local.archfixture.";

    static JavaClasses classes(String base) {
        return new ClassFileImporter().importPackages(base);
    }

    @Test
    void a_service_following_the_arrows_passes() {
        ServiceArchitecture.check(FIXTURES + "clean", classes(FIXTURES + "clean"));
    }

    @Test
    void a_domain_that_knows_mongodb_is_refused() {
        AssertionError error = assertThrows(AssertionError.class, () ->
                ServiceArchitecture.check(FIXTURES + "leakydomain", classes(FIXTURES + "leakydomain")));
        assertTrue(error.getMessage().contains("com.mongodb"), error.getMessage());
    }

    @Test
    void rest_reaching_into_persistence_is_refused() {
        AssertionError error = assertThrows(AssertionError.class, () ->
                ServiceArchitecture.check(FIXTURES + "shortcut", classes(FIXTURES + "shortcut")));
        assertTrue(error.getMessage().contains("Store"), error.getMessage());
    }

    @Test
    void an_api_type_with_a_string_district_is_refused() {
        AssertionError error = assertThrows(AssertionError.class, () ->
                ServiceArchitecture.check(FIXTURES + "stringdistrict", classes(FIXTURES + "stringdistrict")));
        assertTrue(error.getMessage().contains("sellerDistrict"), error.getMessage());
    }
}
