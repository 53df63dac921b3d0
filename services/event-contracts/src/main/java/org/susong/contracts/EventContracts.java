package org.susong.contracts;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The contract of every Susong event type: a JSON Schema (draft 2020-12) and an example payload,
 * found by CloudEvents type. {@code susong.payments.PaymentDisbursed.v1} lives in
 * {@code schemas/payments/PaymentDisbursed.v1.json} and {@code examples/payments/PaymentDisbursed.v1.json}.
 * Producers validate what they emit; consumers parse the examples into their own records.
 */
public final class EventContracts {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private EventContracts() {
    }

    /** Problems of the payload against the type's schema; empty when it conforms. */
    public static List<String> violations(String type, String payload) {
        Schema schema = REGISTRY.getSchema(read("schemas", type), InputFormat.JSON);
        List<Error> errors = schema.validate(payload, InputFormat.JSON);
        return errors.stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
    }

    /** The example payload of a type. */
    public static String example(String type) {
        return read("examples", type);
    }

    static String read(String folder, String type) {
        String path = "/" + folder + "/" + relativePath(type);
        try (InputStream in = EventContracts.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no contract file " + path + " for event type " + type);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code susong.payments.PaymentDisbursed.v1} -> {@code payments/PaymentDisbursed.v1.json}. */
    static String relativePath(String type) {
        String[] parts = type.split("\\.");
        if (parts.length != 4 || !parts[0].equals("susong")) {
            throw new IllegalArgumentException("'" + type + "' is not shaped susong.<service>.<Event>.v<N>");
        }
        return parts[1] + "/" + parts[2] + "." + parts[3] + ".json";
    }
}
