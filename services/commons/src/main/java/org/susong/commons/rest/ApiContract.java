package org.susong.commons.rest;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;
import org.eclipse.microprofile.openapi.models.tags.Tag;

/**
 * The parts of every service's OpenAPI document that are the same everywhere (issue 24), added once
 * here at build time so that the five documents agree:
 * <ul>
 *   <li>one {@code Problem} schema (RFC 9457, {@code application/problem+json}, with the members the
 *       services add: {@code violations}, {@code field}, {@code expectedCheckCharacter},
 *       {@code currentStatus}, ...) referenced by every 4xx/5xx answer;</li>
 *   <li>the error answers an operation can give, where its annotations do not name them: 400 when it
 *       takes parameters or a body, 401/403 (every operation names its roles), 404 on a path with an
 *       id or on a change (a resource the body names may not exist), 409/413/422 on a change, 500 and 503 (store or broker unavailable, with
 *       {@code Retry-After}) everywhere;</li>
 *   <li>the security schemes: a bearer token (OIDC JWT, the only one {@code prod} honours) and the
 *       development headers {@code X-User}/{@code X-Roles}/{@code X-District}/{@code X-Acting-For}/
 *       {@code X-Funds} of the header stub (local, dev and test profiles only), so Swagger UI's
 *       "Try it out" can send a principal;</li>
 *   <li>money: every property named {@code ...Fen} is an integer number of fen (1 yuan = 100 fen);</li>
 *   <li>reusable headers ({@code Location}, {@code Idempotent-Replayed}, {@code Retry-After}) that
 *       the services' {@code @APIResponse}s name by reference ({@link #IDEMPOTENT_REPLAYED}, ...);</li>
 *   <li>a tag per resource for operations their class does not tag, and every tag listed once.</li>
 * </ul>
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ApiContract implements OASFilter {

    public static final String PROBLEM = "Problem";
    public static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM;
    /** Header component names for {@code @Header(ref = ...)}. */
    public static final String LOCATION = "Location";
    public static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";
    public static final String RETRY_AFTER = "Retry-After";
    /**
     * A file's upload and download, the same in every service that keeps files (commons {@code FileStore}): the request
     * body of {@code @RequestBody(ref = FILE_UPLOAD)} (the file's bytes as they are, PDF, PNG or JPEG) and the answer of
     * {@code @APIResponse(responseCode = "200", ref = FILE_DOWNLOAD)} (the content with its SHA-256 and name). Added to a
     * document only when one of its operations names them.
     */
    public static final String FILE_UPLOAD = "FileUpload";
    public static final String FILE_DOWNLOAD = "FileDownload";

    public static final String BEARER = "bearer";
    public static final String DEV_USER = "X-User";
    public static final String DEV_ROLES = "X-Roles";
    public static final String DEV_DISTRICT = "X-District";
    public static final String DEV_ACTING_FOR = "X-Acting-For";
    public static final String DEV_FUNDS = "X-Funds";

    static final String FEN = "Integer amount in fen (1 yuan = 100 fen); never a fraction.";

    private static final Map<String, String> ERRORS = new LinkedHashMap<>();

    static {
        ERRORS.put("400", "Invalid request: a parameter or body field is missing, malformed or out of range "
                + "(`field` names it; `violations` lists every one)");
        ERRORS.put("401", "Unauthenticated: no valid credentials (a bearer token, or the development headers "
                + "outside prod)");
        ERRORS.put("403", "Forbidden: the principal's roles, district or acting-for scope do not allow this");
        ERRORS.put("404", "Not found: no resource with this id, or none the request names (or none visible to the "
                + "principal)");
        ERRORS.put("409", "Conflict: the resource's current state does not allow this (`currentStatus`/`state` "
                + "say which), or a request with the same Idempotency-Key is still being served");
        ERRORS.put("413", "Request too large: the body or the event it would record exceeds the limit");
        ERRORS.put("422", "Unprocessable: well-formed but refused by a business rule (e.g. a USCC whose check "
                + "character fails, with `expectedCheckCharacter`; an Idempotency-Key reused for another body)");
        ERRORS.put("500", "Internal error: logged with the request; nothing was half-applied");
        ERRORS.put("503", "Service unavailable: the store or broker is unreachable or the outbox is full; "
                + "repeat after `Retry-After` seconds (with the same Idempotency-Key)");
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        if (components == null) {
            components = OASFactory.createComponents();
            openAPI.setComponents(components);
        }
        components.addSchema("Violation", OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("One invalid field of the request")
                .addProperty("field", string("JSON path of the field, e.g. `facts.category`"))
                .addProperty("message", string("What is wrong with it")));
        components.addSchema(PROBLEM, problemSchema());
        components.addHeader(LOCATION, header("URI of the created (or accepted) resource", string(null)));
        components.addHeader(IDEMPOTENT_REPLAYED, header("`true` when this answer is the stored answer to an earlier "
                + "request with the same Idempotency-Key and body (nothing was done again), `false` otherwise",
                OASFactory.createSchema().addType(Schema.SchemaType.BOOLEAN)));
        components.addHeader(RETRY_AFTER, header("Seconds to wait before repeating the request",
                OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)));
        securitySchemes(components);
        files(openAPI, components);
        if (components.getSchemas() != null) {
            districtInputs(openAPI, components.getSchemas());
            components.getSchemas().values().forEach(ApiContract::money);
            Map<String, Schema> schemas = components.getSchemas();
            new ArrayList<>(schemas.keySet()).forEach(name -> {
                if (!name.equals(PROBLEM) && !name.equals("Violation")) {
                    nullable(schemas.get(name), schemas);
                }
            });
        }

        Set<String> tags = new TreeSet<>();
        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            openAPI.getPaths().getPathItems().forEach((path, item) -> item.getOperations().forEach((method, op) -> {
                operation(path, method, op);
                if (op.getTags() != null) {
                    tags.addAll(op.getTags());
                }
            }));
        }
        List<Tag> declared = openAPI.getTags() == null ? new ArrayList<>() : new ArrayList<>(openAPI.getTags());
        Set<String> known = new TreeSet<>();
        declared.forEach(t -> known.add(t.getName()));
        for (String tag : tags) {
            if (!known.contains(tag)) {
                declared.add(OASFactory.createTag().name(tag).description("Operations on " + tag));
            }
        }
        openAPI.setTags(declared);
    }

    private static void operation(String path, PathItem.HttpMethod method, Operation op) {
        if (op.getTags() == null || op.getTags().isEmpty()) {
            op.addTag(resource(path));
        }
        if (op.getOperationId() == null) {
            op.setOperationId(operationId(method, path));
        }
        if (op.getSecurity() == null || op.getSecurity().isEmpty()) {
            op.setSecurity(security());
        }
        if (op.getParameters() != null) {
            op.getParameters().forEach(ApiContract::listParameter);
        }
        if (op.getRequestBody() != null && op.getRequestBody().getContent() != null
                && op.getRequestBody().getContent().getMediaTypes() != null) {
            op.getRequestBody().getContent().getMediaTypes().values().forEach(ApiContract::textExamples);
        }
        APIResponses responses = op.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            op.setResponses(responses);
        }
        boolean change = method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD;
        boolean input = op.getRequestBody() != null || (op.getParameters() != null && !op.getParameters().isEmpty());
        for (String code : ERRORS.keySet()) {
            boolean applies = switch (code) {
                case "400" -> input || change;
                case "404" -> path.contains("{") || change;
                case "409", "413", "422" -> change;
                default -> true;
            };
            if (applies && responses.getAPIResponse(code) == null) {
                responses.addAPIResponse(code, OASFactory.createAPIResponse());
            }
        }
        // every 4xx/5xx the operation names (here or in its annotations) answers with the one Problem schema
        responses.getAPIResponses().forEach((code, response) -> {
            if (code.length() == 3 && (code.startsWith("4") || code.startsWith("5")) && response.getRef() == null) {
                problem(code, response);
            }
        });
    }

    /**
     * A text body (JSON lines, CSV) whose example the generator read as JSON (a JSON line looks like an object) gets
     * it back as the text it is.
     */
    private static void textExamples(MediaType media) {
        if (media.getSchema() == null || media.getSchema().getType() == null
                || !media.getSchema().getType().contains(Schema.SchemaType.STRING) || media.getExamples() == null) {
            return;
        }
        media.getExamples().values().forEach(example -> {
            Object value = example.getValue();
            if (value != null && !(value instanceof String)) {
                try {
                    example.setValue(JSON.writeValueAsString(value) + "\n");
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    example.setValue(String.valueOf(value));
                }
            }
        });
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private static void problem(String code, APIResponse response) {
        if (response.getDescription() == null || response.getDescription().isBlank()
                || response.getDescription().equals(ERRORS.getOrDefault(code, "")) || isDefaultDescription(response)) {
            response.setDescription(ERRORS.getOrDefault(code, "Error"));
        }
        Content content = response.getContent();
        if (content == null || content.getMediaTypes() == null || content.getMediaTypes().isEmpty()
                || content.getMediaType(Problem.MEDIA_TYPE) == null) {
            MediaType media = OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF))
                    .example(example(code));
            response.setContent(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, media));
        }
        if (code.equals("503") && (response.getHeaders() == null || !response.getHeaders().containsKey(RETRY_AFTER))) {
            response.addHeader(RETRY_AFTER, OASFactory.createHeader().ref(RETRY_AFTER));
        }
        if (code.equals("401") && (response.getHeaders() == null || !response.getHeaders().containsKey("WWW-Authenticate"))) {
            response.addHeader("WWW-Authenticate", header("`Bearer`", string(null)));
        }
    }

    /** Descriptions the generator writes by itself ("Bad Request", "Not Authorized", ...) give way to ours. */
    private static boolean isDefaultDescription(APIResponse response) {
        String d = response.getDescription();
        return Set.of("Bad Request", "Not Authorized", "Not Allowed", "Forbidden", "Unauthorized", "Not Found",
                "Conflict").contains(d);
    }

    private static Map<String, Object> example(String code) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("type", "https://susong.xm.gov.cn/problems/" + code);
        switch (code) {
            case "400" -> {
                e.put("title", "Invalid request");
                e.put("status", 400);
                e.put("detail", "reason must not be blank");
                e.put("field", "reason");
                e.put("violations", List.of(Map.of("field", "reason", "message", "must not be blank")));
            }
            case "401" -> {
                e.put("title", "Unauthenticated");
                e.put("status", 401);
                e.put("detail", "the request carries no valid credentials: send an OIDC bearer token "
                        + "(Authorization: Bearer ...)");
            }
            case "403" -> {
                e.put("title", "Forbidden");
                e.put("status", 403);
                e.put("detail", "your roles do not allow this operation");
            }
            case "404" -> {
                e.put("title", "Not found");
                e.put("status", 404);
                e.put("detail", "application 'APP-0001' does not exist");
            }
            case "409" -> {
                e.put("title", "Conflict");
                e.put("status", 409);
                e.put("detail", "the application is APPROVED; only a REJECTED application can be appealed");
                e.put("currentStatus", "APPROVED");
            }
            case "413" -> {
                e.put("title", "Request too large");
                e.put("status", 413);
                e.put("detail", "the request is too large to record: its event would exceed the broker's record size");
            }
            case "422" -> {
                e.put("title", "Unprocessable request");
                e.put("status", 422);
                e.put("detail", "check character of USCC 91350100M000100Y44 is '4', expected '3'");
                e.put("field", "uscc");
                e.put("expectedCheckCharacter", "3");
            }
            case "503" -> {
                e.put("title", "Service unavailable");
                e.put("status", 503);
                e.put("detail", "the store is unavailable; try again");
            }
            default -> {
                e.put("title", "Internal Server Error");
                e.put("status", Integer.parseInt(code));
                e.put("detail", "the request failed; it is logged");
            }
        }
        return e;
    }

    private static Schema problemSchema() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details, answered as `application/problem+json` by every error of "
                        + "every service. Besides the standard members, `field` names the request field at fault "
                        + "and `violations` lists every invalid field; some answers add members of their own "
                        + "(listed below), and clients must ignore members they do not know.")
                .addRequired("type").addRequired("title").addRequired("status")
                .addProperty("type", string("URI identifying the kind of problem"))
                .addProperty("title", string("Short summary of the kind of problem"))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)
                        .description("The HTTP status code"))
                .addProperty("detail", string("What went wrong with this request, in words"))
                .addProperty("instance", string("The request path"))
                .addProperty("field", string("The request field at fault (JSON path like `facts.category`, a "
                        + "query parameter or header name)"))
                .addProperty("violations", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                        .description("Every invalid field (Bean Validation failures)")
                        .items(OASFactory.createSchema().ref("#/components/schemas/Violation")))
                .addProperty("expectedCheckCharacter", string("422 on a USCC: the check character GB 32100-2015 expects"))
                .addProperty("currentStatus", string("409: the resource's current status that refused the change"))
                .addProperty("state", string("409: the resource's current state that refused the change"))
                .addProperty("outcome", string("409: the decision's outcome that refused the change"))
                .addProperty("existingApplicationId", string("409: the open application that already covers this request"))
                .addProperty("existingApplication", string("409: URI of that application"))
                .addProperty("resubmittedAs", string("409: the application a rejected one was already resubmitted as"))
                .addProperty("existingContract", string("409: URI of the contract already filed with these terms"))
                .addProperty("applicant", string("409: URI of the applicant already registered"))
                .addProperty("applicationId", string("422: the application an Idempotency-Key was first used for"))
                .addProperty("approvedBy", string("409: who already decided the proposal"))
                .addProperty("changeId", string("409: the change that is waiting"))
                .addProperty("movementId", string("409/422: the capital movement concerned"))
                .addProperty("investmentId", string("409/422: the investment concerned"))
                .addProperty("availableFen", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)
                        .format("int64").description("422: what is left to commit. " + FEN))
                .additionalPropertiesBoolean(Boolean.TRUE);
    }

    private static void securitySchemes(Components components) {
        components.addSecurityScheme(BEARER, OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("bearer").bearerFormat("JWT")
                .description("An OIDC access token of the platform's identity provider; roles, district, funds and "
                        + "acting-for come from its claims. The only credentials the `prod` profile accepts."));
        devHeader(components, DEV_USER, "Development stub (local, dev and test profiles only; ignored in prod): the "
                + "user id. With it the other X- headers are read.");
        devHeader(components, DEV_ROLES, "Development stub: comma-separated roles (officer, applicant, auditor, admin, "
                + "finance, registrar, fund-manager, ...).");
        devHeader(components, DEV_DISTRICT, "Development stub: the officer's district (one of Xiamen's six, e.g. HULI).");
        devHeader(components, DEV_ACTING_FOR, "Development stub: the USCC an applicant acts for.");
        devHeader(components, DEV_FUNDS, "Development stub: comma-separated fund ids a fund manager manages.");
    }

    private static void devHeader(Components components, String name, String description) {
        components.addSecurityScheme(name, OASFactory.createSecurityScheme().type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.HEADER).name(name).description(description));
    }

    /** A bearer token, or the development headers in one of the combinations the roles need. */
    private static List<SecurityRequirement> security() {
        List<SecurityRequirement> alternatives = new ArrayList<>();
        alternatives.add(OASFactory.createSecurityRequirement().addScheme(BEARER));
        alternatives.add(OASFactory.createSecurityRequirement().addScheme(DEV_USER).addScheme(DEV_ROLES));
        alternatives.add(OASFactory.createSecurityRequirement().addScheme(DEV_USER).addScheme(DEV_ROLES)
                .addScheme(DEV_DISTRICT));
        alternatives.add(OASFactory.createSecurityRequirement().addScheme(DEV_USER).addScheme(DEV_ROLES)
                .addScheme(DEV_ACTING_FOR));
        alternatives.add(OASFactory.createSecurityRequirement().addScheme(DEV_USER).addScheme(DEV_ROLES)
                .addScheme(DEV_FUNDS));
        return alternatives;
    }

    /** Properties named like {@code amountFen} are integer fen (money rule: amounts are whole fen). */
    private static void money(Schema schema) {
        if (schema == null || schema.getProperties() == null) {
            return;
        }
        schema.getProperties().forEach((name, property) -> {
            if (property.getRef() != null) {
                return;
            }
            if (name.endsWith("Fen") || name.equals("fen")) {
                if (property.getType() == null || property.getType().isEmpty()
                        || property.getType().contains(Schema.SchemaType.INTEGER)) {
                    property.setType(new ArrayList<>(List.of(Schema.SchemaType.INTEGER)));
                    if (property.getFormat() == null) {
                        property.setFormat("int64");
                    }
                    String d = property.getDescription();
                    if (d == null || !d.contains(FEN)) {
                        property.setDescription(d == null || d.isBlank() ? FEN : d + ". " + FEN);
                    }
                }
            }
            money(property);
            if (property.getItems() != null) {
                money(property.getItems());
            }
        });
    }

    /**
     * A member that is not required may be null: the services write absent values as {@code null} (Jackson's
     * default), and a client must read {@code null} and a missing member alike. Required members stay non-null.
     * A member that refers to a simple schema (a date, a timestamp, an enum) gets that schema inline, so that it
     * can say so (OpenAPI 3.0 allows no {@code nullable} beside a {@code $ref}). A member that refers to an
     * object is {@link #nullableRef that object or null}.
     */
    private static void nullable(Schema schema, Map<String, Schema> schemas) {
        if (schema == null || schema.getProperties() == null) {
            return;
        }
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        Map<String, Schema> properties = new LinkedHashMap<>(schema.getProperties());
        properties.forEach((name, property) -> {
            Schema target = referenced(property, schemas);
            Schema member = property;
            if (target != null && isSimple(target)) {
                member = inlined(property, target);
            } else if (target != null && property.getRef() == null) {
                // "type: object, allOf: [$ref]" for a member typed by @Schema(implementation = ...): the $ref says it
                member = OASFactory.createSchema().description(property.getDescription()).ref(refOf(property));
            }
            if (!required.contains(name) && member.getRef() != null) {
                member = nullableRef(member);
            } else if (!required.contains(name) && member.getType() != null && !member.getType().isEmpty()
                    && !member.getType().contains(Schema.SchemaType.NULL)) {
                member.addType(Schema.SchemaType.NULL);
                if (member.getEnumeration() != null && !member.getEnumeration().contains(null)) {
                    List<Object> values = new ArrayList<>(member.getEnumeration());
                    values.add(null);
                    member.setEnumeration(values);
                }
            }
            if (member != property) {
                schema.addProperty(name, member);
            }
            nullable(member, schemas);
            if (member.getItems() != null) {
                Schema items = member.getItems();
                Schema itemTarget = referenced(items, schemas);
                if (itemTarget != null && isSimple(itemTarget)) {
                    member.setItems(inlined(items, itemTarget));
                } else if (itemTarget != null && items.getRef() == null) {
                    member.setItems(OASFactory.createSchema().ref(refOf(items)));
                }
                nullable(member.getItems(), schemas);
            }
        });
    }

    /**
     * A member that refers to an object and may be null, in the one OpenAPI 3.0 form that both the validator of the
     * service tests and Spectral read as "this object or null": {@code anyOf: [{$ref}, {type: object, nullable: true,
     * enum: [null]}]} (the second alternative admits null and nothing else). {@code nullable} beside an
     * {@code allOf}/{@code anyOf} of the {@code $ref} alone is ignored by the validator.
     */
    private static Schema nullableRef(Schema member) {
        List<Object> onlyNull = new ArrayList<>();
        onlyNull.add(null);
        Schema nullOnly = OASFactory.createSchema()
                .type(new ArrayList<>(List.of(Schema.SchemaType.OBJECT, Schema.SchemaType.NULL)))
                .enumeration(onlyNull);
        Schema either = OASFactory.createSchema().description(member.getDescription())
                .addAnyOf(OASFactory.createSchema().ref(member.getRef())).addAnyOf(nullOnly);
        return either;
    }

    /** The component a member refers to, by {@code $ref} or by a single {@code allOf} entry; null for none. */
    private static Schema referenced(Schema property, Map<String, Schema> schemas) {
        String ref = refOf(property);
        return ref == null ? null : schemas.get(ref.substring(ref.lastIndexOf('/') + 1));
    }

    private static String refOf(Schema property) {
        if (property.getRef() != null) {
            return property.getRef();
        }
        if (property.getAllOf() != null && property.getAllOf().size() == 1 && property.getAllOf().get(0).getRef() != null
                && property.getProperties() == null) {
            return property.getAllOf().get(0).getRef();
        }
        return null;
    }

    private static boolean isSimple(Schema target) {
        return target.getType() != null && !target.getType().isEmpty()
                && !target.getType().contains(Schema.SchemaType.OBJECT) && !target.getType().contains(Schema.SchemaType.ARRAY)
                && target.getProperties() == null;
    }

    private static Schema inlined(Schema property, Schema target) {
        Schema copy = OASFactory.createSchema().type(new ArrayList<>(target.getType()))
                .description(property.getDescription() != null ? property.getDescription() : target.getDescription());
        copy.setFormat(target.getFormat());
        copy.setPattern(target.getPattern());
        copy.setExample(target.getExample());
        if (target.getEnumeration() != null) {
            copy.setEnumeration(new ArrayList<>(target.getEnumeration()));
        }
        return copy;
    }

    /**
     * The parameters every list shares ({@link ListParams}), described once: {@code limit} (1 to 200, default 50),
     * {@code cursor} (the {@code nextCursor} of the previous page), {@code from}/{@code to} (dates, inclusive) and
     * {@code district} (any case); a parameter an operation already describes keeps its words.
     */
    private static void listParameter(org.eclipse.microprofile.openapi.models.parameters.Parameter p) {
        if (p.getRef() != null || p.getName() == null) {
            return;
        }
        boolean query = p.getIn() == org.eclipse.microprofile.openapi.models.parameters.Parameter.In.QUERY;
        boolean header = p.getIn() == org.eclipse.microprofile.openapi.models.parameters.Parameter.In.HEADER;
        String description = switch (query ? p.getName() : "") {
            case "limit" -> "Page size: 1 to " + ListParams.MAX_LIMIT + " (default " + ListParams.DEFAULT_LIMIT
                    + "); another value is 400 naming `limit`";
            case "cursor" -> "The `nextCursor` of the previous page, as it was answered (opaque); absent for the first page";
            case "from" -> "First date included (YYYY-MM-DD); after `to` is 400";
            case "to" -> "Last date included (YYYY-MM-DD)";
            case "district" -> DISTRICT_TEXT + "; an unknown one is 400 naming `district`";
            case "status", "state", "type" -> "Only items with this " + p.getName() + " (one of the values the items' `"
                    + p.getName() + "` takes, in any case); another value is 400 naming `" + p.getName() + "`";
            case "measure" -> "Only items of this measure code (e.g. B1)";
            case "applicant" -> "Only items of this applicant (its USCC, 18 characters, any case)";
            case "applicationId" -> "Only items of this application";
            case "year" -> "Only items of this year";
            default -> null;
        };
        if (query && p.getName().equals("limit")) {
            p.setSchema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32")
                    .minimum(java.math.BigDecimal.ONE).maximum(java.math.BigDecimal.valueOf(ListParams.MAX_LIMIT))
                    .defaultValue(ListParams.DEFAULT_LIMIT));
        } else if (query && (p.getName().equals("from") || p.getName().equals("to"))) {
            p.setSchema(string(null).format("date"));
        } else if ((query && p.getName().equals("district")) || (header && p.getName().equals(DEV_DISTRICT))) {
            p.setSchema(districtInput(null));
        }
        if (description != null && (p.getDescription() == null || p.getDescription().isBlank())) {
            p.setDescription(description);
        }
    }

    static final String DISTRICT_TEXT = "One of Xiamen's six districts: "
            + java.util.Arrays.stream(org.susong.commons.ids.District.values()).map(Enum::name)
                    .collect(java.util.stream.Collectors.joining(", "))
            + ", in any case, or its Chinese name (湖里区); answered as the code";

    /**
     * A district as a request may send it (any case, the English name with its apostrophe, the Chinese name with or
     * without 区): a string, with a pattern that admits exactly those. Answers use the {@code District} enum.
     */
    static Schema districtInput(String description) {
        StringBuilder pattern = new StringBuilder("^\\s*(?:");
        org.susong.commons.ids.District[] values = org.susong.commons.ids.District.values();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                pattern.append('|');
            }
            String english = values[i].english().toUpperCase(Locale.ROOT);
            StringBuilder anyCase = new StringBuilder();
            for (char c : english.toCharArray()) {
                if (c == '\'') {
                    anyCase.append("['’]?");
                } else {
                    anyCase.append('[').append(c).append(Character.toLowerCase(c)).append(']');
                }
            }
            pattern.append(anyCase);
            pattern.append('|').append(values[i].chinese(), 0, 2).append("区?");
        }
        pattern.append(")\\s*$");
        return string(description == null ? DISTRICT_TEXT : description).pattern(pattern.toString()).example("HULI");
    }

    /**
     * A request body's district members (a component only requests use, and that refers to {@code District}) take
     * {@link #districtInput}: the enum says what is answered, and a request may send any case.
     */
    private static void districtInputs(OpenAPI openAPI, Map<String, Schema> schemas) {
        if (!schemas.containsKey("District") || openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        Set<String> requests = new TreeSet<>();
        Set<String> answers = new TreeSet<>();
        openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().forEach(op -> {
            if (op.getRequestBody() != null && op.getRequestBody().getContent() != null
                    && op.getRequestBody().getContent().getMediaTypes() != null) {
                op.getRequestBody().getContent().getMediaTypes().values()
                        .forEach(m -> reach(m.getSchema(), schemas, requests));
            }
            if (op.getResponses() != null && op.getResponses().getAPIResponses() != null) {
                op.getResponses().getAPIResponses().values().forEach(r -> {
                    if (r.getContent() != null && r.getContent().getMediaTypes() != null) {
                        r.getContent().getMediaTypes().values().forEach(m -> reach(m.getSchema(), schemas, answers));
                    }
                });
            }
        }));
        requests.removeAll(answers);
        for (String name : requests) {
            Schema schema = schemas.get(name);
            if (schema == null || schema.getProperties() == null) {
                continue;
            }
            new LinkedHashMap<>(schema.getProperties()).forEach((member, property) -> {
                String ref = refOf(property);
                if (ref != null && ref.endsWith("/District")) {
                    schema.addProperty(member, districtInput(property.getDescription()));
                }
            });
        }
    }

    /** Every component {@code schema} refers to, directly or through its members. */
    private static void reach(Schema schema, Map<String, Schema> schemas, Set<String> reached) {
        if (schema == null) {
            return;
        }
        if (schema.getRef() != null) {
            String name = schema.getRef().substring(schema.getRef().lastIndexOf('/') + 1);
            if (reached.add(name)) {
                reach(schemas.get(name), schemas, reached);
            }
            return;
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(p -> reach(p, schemas, reached));
        }
        reach(schema.getItems(), schemas, reached);
        for (List<Schema> group : java.util.Arrays.asList(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf())) {
            if (group != null) {
                group.forEach(g -> reach(g, schemas, reached));
            }
        }
    }

    /** "applications", "measures": the first path segment that is not {@code admin} or a parameter. */
    static String resource(String path) {
        for (String segment : path.split("/")) {
            if (!segment.isEmpty() && !segment.equals("admin") && !segment.startsWith("{")) {
                return segment;
            }
        }
        return "service";
    }

    /** GET /applications/{id}/views becomes getApplicationsViews: unique per method and path. */
    static String operationId(PathItem.HttpMethod method, String path) {
        StringBuilder id = new StringBuilder(method.name().toLowerCase(Locale.ROOT));
        for (String segment : path.split("[/.\\-]")) {
            if (segment.isEmpty() || segment.startsWith("{")) {
                continue;
            }
            id.append(Character.toUpperCase(segment.charAt(0))).append(segment.substring(1));
        }
        return id.toString();
    }

    /** The file components ({@link #FILE_UPLOAD}, {@link #FILE_DOWNLOAD}) the document's operations name. */
    private static void files(OpenAPI openAPI, Components components) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        boolean upload = false;
        boolean download = false;
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Operation op : item.getOperations().values()) {
                upload |= op.getRequestBody() != null
                        && ("#/components/requestBodies/" + FILE_UPLOAD).equals(op.getRequestBody().getRef());
                if (op.getResponses() != null && op.getResponses().getAPIResponses() != null) {
                    for (APIResponse r : op.getResponses().getAPIResponses().values()) {
                        if (("#/components/responses/" + FILE_DOWNLOAD).equals(r.getRef())) {
                            download = true;
                            r.setDescription(null); // the generator's "OK" beside the reference: the component's holds
                        }
                    }
                }
            }
        }
        if (upload) {
            components.addRequestBody(FILE_UPLOAD, OASFactory.createRequestBody().required(true)
                    .description("The file's bytes as they are").content(OASFactory.createContent()
                            .addMediaType("application/pdf", binary("%PDF-1.7 ... (the PDF file's bytes)"))
                            .addMediaType("image/png", binary("(the PNG file's bytes, beginning 89 50 4E 47)"))
                            .addMediaType("image/jpeg", binary("(the JPEG file's bytes, beginning FF D8 FF)"))));
        }
        if (download) {
            components.addResponse(FILE_DOWNLOAD, OASFactory.createAPIResponse().description("The file")
                    .addHeader(org.susong.commons.files.FileResponses.CHECKSUM_HEADER,
                            header("SHA-256 of the content (hex)", string(null)))
                    .addHeader("Content-Disposition", header("attachment, with the file's name", string(null)))
                    .content(OASFactory.createContent().addMediaType("application/pdf", binary(null))
                            .addMediaType("image/png", binary(null)).addMediaType("image/jpeg", binary(null))));
        }
    }

    private static MediaType binary(String example) {
        Schema bytes = OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("binary");
        return OASFactory.createMediaType().schema(example == null ? bytes : bytes.example(example));
    }

    private static Schema string(String description) {
        Schema s = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        return description == null ? s : s.description(description);
    }

    private static Header header(String description, Schema schema) {
        return OASFactory.createHeader().description(description).schema(schema);
    }
}
