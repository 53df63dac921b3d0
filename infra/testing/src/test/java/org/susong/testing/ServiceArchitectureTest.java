package org.susong.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules every service's ArchitectureTest applies can fail: each refuses the shortcut docs/architecture.md#packages forbids. */
class ServiceArchitectureTest {

    static final String FIXTURES = "org.susong.testing.archfixture.";

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

    @Test
    void a_class_reading_the_database_name_itself_is_refused() {
        AssertionError error = assertThrows(AssertionError.class, () ->
                ServiceArchitecture.oneDatabase(FIXTURES + "owndatabase").check(classes(FIXTURES + "owndatabase")));
        String message = error.getMessage();
        assertTrue(message.contains("ThingRepository.<init>(com.mongodb.client.MongoClient, java.lang.String, int)"
                + " parameter 1 reads quarkus.mongodb.database"), message);
        assertTrue(message.contains("NamedDatabase.database reads quarkus.mongodb.database"), message);
        // another configured value of the same constructor is not the database name
        assertTrue(!message.contains("parameter 2"), message);
    }

    @Test
    void a_clean_service_speaks_the_domain() {
        ServiceArchitecture.checkDomainSpoken(FIXTURES + "clean", classes(FIXTURES + "clean"));
    }

    @Test
    void application_or_rest_using_bson_or_the_driver_is_refused() {
        AssertionError error = assertThrows(AssertionError.class, () ->
                ServiceArchitecture.checkDomainSpoken(FIXTURES + "documents", classes(FIXTURES + "documents")));
        assertTrue(error.getMessage().contains("DocumentService") && error.getMessage().contains("org.bson.Document"),
                error.getMessage());
        assertTrue(error.getMessage().contains("FilterResource") && error.getMessage().contains("com.mongodb"),
                error.getMessage());
    }

    @Test
    void the_house_arrows_alone_let_documents_through_so_services_opt_in() {
        // the documents fixture follows the arrows: only the opt-in rule refuses it
        ServiceArchitecture.layers(FIXTURES + "documents").check(classes(FIXTURES + "documents"));
    }

    @Test
    void string_states_compared_in_application_are_refused_naming_file_and_line() {
        Path sources = Path.of("src", "test", "resources", "statesfixture");
        AssertionError error = assertThrows(AssertionError.class, () -> ServiceArchitecture.checkStatesTyped(sources));
        String message = error.getMessage();
        String service = Path.of("org", "example", "batches", "application", "BatchService.java").toString();
        String export = Path.of("org", "example", "batches", "application", "export", "ExportService.java").toString();
        assertEquals(List.of(service + ":7: return \"OPEN\".equals(batch.state());",
                service + ":11: return batch.state().equals( \"SEALED\" );",
                service + ":16: case \"CREATED\":",
                export + ":8: case \"EXPORTED\" -> \"sent\";"), ServiceArchitecture.stringStates(sources), message);
        assertTrue(message.contains(service + ":7") && message.contains(export + ":8"), message);
        // the domain reads the stored text into its enum: not the application layer, not refused
        assertTrue(!message.contains("Batch.java"), message);
    }

    @Test
    void an_application_layer_without_string_states_passes() {
        ServiceArchitecture.checkStatesTyped(Path.of("src", "test", "java", "org", "susong", "testing", "archfixture"));
    }
}
