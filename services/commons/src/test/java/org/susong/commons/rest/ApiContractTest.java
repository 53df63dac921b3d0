package org.susong.commons.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.junit.jupiter.api.Test;

class ApiContractTest {

    private static OpenAPI document(Operation get, Operation post) {
        Schema view = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("amountFen", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                .addProperty("name", OASFactory.createSchema().addType(Schema.SchemaType.STRING)).addRequired("name");
        return OASFactory.createOpenAPI()
                .components(OASFactory.createComponents().addSchema("View", view))
                .paths(OASFactory.createPaths()
                        .addPathItem("/applications", OASFactory.createPathItem().POST(post))
                        .addPathItem("/applications/{id}", OASFactory.createPathItem().GET(get)));
    }

    private static Operation ok() {
        return OASFactory.createOperation().responses(OASFactory.createAPIResponses()
                .addAPIResponse("200", OASFactory.createAPIResponse().description("OK")));
    }

    @Test
    void every_operation_gets_the_error_answers_it_can_give_as_problems_and_the_security_schemes() {
        Operation get = ok();
        Operation post = ok().requestBody(OASFactory.createRequestBody());
        OpenAPI doc = document(get, post);

        new ApiContract().filterOpenAPI(doc);

        // a read by id: 401, 403, 404, 500, 503, no 409 (nothing changes) and no 400 (no input)
        assertEquals(List.of("200", "401", "403", "404", "500", "503"),
                get.getResponses().getAPIResponses().keySet().stream().sorted().toList());
        // a change: 400, 404 (what the body names may not exist), 409, 413, 422
        assertEquals(List.of("200", "400", "401", "403", "404", "409", "413", "422", "500", "503"),
                post.getResponses().getAPIResponses().keySet().stream().sorted().toList());
        var notFound = get.getResponses().getAPIResponse("404");
        assertEquals(ApiContract.PROBLEM_REF,
                notFound.getContent().getMediaType(Problem.MEDIA_TYPE).getSchema().getRef());
        assertNotNull(notFound.getContent().getMediaType(Problem.MEDIA_TYPE).getExample());
        assertNotNull(get.getResponses().getAPIResponse("503").getHeaders().get(ApiContract.RETRY_AFTER));
        assertNull(get.getResponses().getAPIResponse("200").getContent(), "success answers are left as they are");

        assertTrue(doc.getComponents().getSchemas().containsKey(ApiContract.PROBLEM));
        assertTrue(doc.getComponents().getSecuritySchemes().keySet().containsAll(List.of(ApiContract.BEARER,
                ApiContract.DEV_USER, ApiContract.DEV_ROLES, ApiContract.DEV_DISTRICT)));
        assertEquals(5, get.getSecurity().size(), "bearer, or the development headers in their combinations");
        assertEquals("getApplications", get.getOperationId());
        assertEquals(List.of("applications"), post.getTags());
        assertEquals("applications", doc.getTags().get(0).getName());
    }

    @Test
    void a_file_upload_and_download_named_by_reference_are_described_once_and_only_where_named() {
        Operation upload = ok().requestBody(OASFactory.createRequestBody().ref(ApiContract.FILE_UPLOAD));
        Operation download = OASFactory.createOperation().responses(OASFactory.createAPIResponses()
                .addAPIResponse("200", OASFactory.createAPIResponse().ref(ApiContract.FILE_DOWNLOAD).description("OK")));
        OpenAPI doc = document(download, upload);

        new ApiContract().filterOpenAPI(doc);

        var body = doc.getComponents().getRequestBodies().get(ApiContract.FILE_UPLOAD);
        assertEquals(java.util.Set.of("application/pdf", "image/png", "image/jpeg"),
                body.getContent().getMediaTypes().keySet());
        assertEquals("binary", body.getContent().getMediaType("image/png").getSchema().getFormat());
        assertTrue(body.getRequired());
        var file = doc.getComponents().getResponses().get(ApiContract.FILE_DOWNLOAD);
        assertTrue(file.getHeaders().containsKey("X-Checksum-SHA256"));
        assertEquals(3, file.getContent().getMediaTypes().size());
        assertEquals(List.of("200", "401", "403", "404", "500", "503"),
                download.getResponses().getAPIResponses().keySet().stream().sorted().toList(),
                "the referenced answer is kept, the errors added");
        assertNull(download.getResponses().getAPIResponse("200").getDescription(), "nothing beside the reference");

        OpenAPI without = document(ok(), ok());
        new ApiContract().filterOpenAPI(without);
        var components = without.getComponents();
        assertTrue(components.getRequestBodies() == null || components.getRequestBodies().isEmpty(),
                "a service without files is not told of them");
        assertTrue(components.getResponses() == null || components.getResponses().isEmpty());
    }

    @Test
    void money_properties_are_integer_fen() {
        OpenAPI doc = document(ok(), ok());
        new ApiContract().filterOpenAPI(doc);
        Schema amount = doc.getComponents().getSchemas().get("View").getProperties().get("amountFen");
        // integer fen; not required, so it may be null (the services write absent members as null)
        assertEquals(List.of(Schema.SchemaType.INTEGER, Schema.SchemaType.NULL), amount.getType());
        assertEquals("int64", amount.getFormat());
        assertTrue(amount.getDescription().contains("fen"));
        Schema name = doc.getComponents().getSchemas().get("View").getProperties().get("name");
        assertNull(name.getDescription());
        assertEquals(List.of(Schema.SchemaType.STRING), name.getType(), "a required member is never null");
    }

    @Test
    void an_operation_that_names_its_own_errors_keeps_them_and_gets_the_problem_schema() {
        Operation get = ok();
        get.getResponses().addAPIResponse("409", OASFactory.createAPIResponse().description("Already decided"));
        new ApiContract().filterOpenAPI(document(get, ok()));
        var conflict = get.getResponses().getAPIResponse("409");
        assertEquals("Already decided", conflict.getDescription());
        assertEquals(ApiContract.PROBLEM_REF, conflict.getContent().getMediaType(Problem.MEDIA_TYPE).getSchema().getRef());
    }

    @Test
    void an_object_member_that_may_be_null_is_the_object_or_only_null() {
        OpenAPI doc = document(ok(), ok());
        doc.getComponents().addSchema("Payee", OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("uscc", OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
        doc.getComponents().getSchemas().get("View")
                .addProperty("payee", OASFactory.createSchema().ref("#/components/schemas/Payee"))
                .addProperty("owner", OASFactory.createSchema().ref("#/components/schemas/Payee")).addRequired("owner");
        new ApiContract().filterOpenAPI(doc);
        Schema view = doc.getComponents().getSchemas().get("View");
        Schema payee = view.getProperties().get("payee");
        assertNull(payee.getRef());
        assertEquals("#/components/schemas/Payee", payee.getAnyOf().get(0).getRef());
        Schema onlyNull = payee.getAnyOf().get(1);
        assertEquals(List.of(Schema.SchemaType.OBJECT, Schema.SchemaType.NULL), onlyNull.getType());
        assertEquals(java.util.Collections.singletonList(null), onlyNull.getEnumeration());
        assertEquals("#/components/schemas/Payee", view.getProperties().get("owner").getRef(),
                "a required object member is never null");
    }

    @Test
    void list_parameters_are_described_once_and_a_request_district_may_come_in_any_case() {
        Operation list = ok()
                .addParameter(OASFactory.createParameter().name("limit").in(org.eclipse.microprofile.openapi.models
                        .parameters.Parameter.In.QUERY).schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)))
                .addParameter(OASFactory.createParameter().name("district").in(org.eclipse.microprofile.openapi.models
                        .parameters.Parameter.In.QUERY).schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
        new ApiContract().filterOpenAPI(document(list, ok()));
        var limit = list.getParameters().get(0);
        assertEquals(200, limit.getSchema().getMaximum().intValue());
        assertEquals(1, limit.getSchema().getMinimum().intValue());
        assertTrue(limit.getDescription().contains("default 50"));
        java.util.regex.Pattern district = java.util.regex.Pattern.compile(list.getParameters().get(1).getSchema().getPattern());
        for (String accepted : List.of("HULI", "huli", "Huli", "湖里区", "湖里", "Tong'an", "TONGAN", "xiangan")) {
            assertTrue(district.matcher(accepted).find(), accepted);
            assertTrue(org.susong.commons.ids.District.parse(accepted).isPresent(), accepted);
        }
        for (String refused : List.of("Hu li", "Xiamen", "HULIX", "")) {
            assertTrue(!district.matcher(refused).find(), refused);
            assertTrue(org.susong.commons.ids.District.parse(refused).isEmpty(), refused);
        }
    }
}
