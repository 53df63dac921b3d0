package org.susong.portal.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The apply form of a measure, generated from its published facts schema (JSON Schema 2020-12, eligibility's
 * {@code factsSchema}), and the form's fields read back into typed facts by the same schema. It supports exactly the
 * kinds of property the catalogue's measures use (eligibility's {@code seed/measures.json}):
 * <ul>
 *   <li>{@code enum} of strings: a choice ({@link Kind#CHOICE});</li>
 *   <li>{@code type: string} with {@code minLength}, {@code maxLength}, {@code pattern}: a text ({@link Kind#TEXT});</li>
 *   <li>{@code type: integer} with {@code minimum}, {@code maximum}: a whole number ({@link Kind#INTEGER}), or, when
 *       its name ends in {@code Fen} (the catalogue's mark of an amount in fen: {@code operatingCostsFen},
 *       {@code requestedFen}, ...), an amount typed in yuan and sent as exact fen ({@link Kind#YUAN}, {@link Yuan});</li>
 *   <li>{@code type: boolean}: a checkbox ({@link Kind#BOOLEAN}; no measure uses one yet).</li>
 * </ul>
 * Anything else ({@code number}, objects, arrays, a property without a type) is {@link Kind#UNSUPPORTED}: the page says
 * so instead of showing a field. Keywords other than those above are not checked here: the applications service
 * checks the whole schema again and names the fact it refuses.
 */
public final class FactsForm {

    /** What a property is on the form. */
    public enum Kind { TEXT, CHOICE, INTEGER, YUAN, BOOLEAN, UNSUPPORTED }

    /** Why a field's value is refused (each its sentence in the page's language). */
    public enum Problem { REQUIRED, NOT_INTEGER, NOT_YUAN, BELOW_MINIMUM, ABOVE_MAXIMUM, TOO_SHORT, TOO_LONG, PATTERN,
        NOT_AN_OPTION, UNSUPPORTED }

    /**
     * One property of the schema as a field: its name (the fact's), kind, whether required, its bounds (lengths in
     * characters, {@code minimum}/{@code maximum} in the fact's unit: fen for a {@link Kind#YUAN}), the enum's
     * options, and the schema's own {@code title} and {@code description} (null when it has none).
     */
    public record Field(String name, Kind kind, boolean required, Integer minLength, Integer maxLength, String pattern,
                        Long minimum, Long maximum, List<String> options, String title, String description) {

        public Field {
            options = options == null ? List.of() : List.copyOf(options);
        }

        /** The form field's name ({@code f.} and the fact's, so no fact collides with the form's own fields). */
        public String input() {
            return "f." + name;
        }

        /** The field's element id. */
        public String id() {
            return "fact-" + name;
        }
    }

    /** The facts read from a form (the order of the schema), or the problem of each refused field by its name. */
    public record Read(Map<String, Object> facts, Map<String, Problem> problems) {

        public boolean valid() {
            return problems.isEmpty();
        }
    }

    private FactsForm() {
    }

    /** The fields of a facts schema, in the schema's order; none for a schema without properties. */
    public static List<Field> fields(JsonNode schema) {
        List<Field> fields = new ArrayList<>();
        if (schema == null || !schema.path("properties").isObject()) {
            return fields;
        }
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        schema.path("properties").fields().forEachRemaining(e -> fields.add(field(e.getKey(), e.getValue(),
                required.contains(e.getKey()))));
        return fields;
    }

    private static Field field(String name, JsonNode p, boolean required) {
        String title = text(p, "title");
        String description = text(p, "description");
        if (p.has("enum")) {
            List<String> options = new ArrayList<>();
            boolean strings = p.get("enum").isArray() && !p.get("enum").isEmpty();
            for (JsonNode o : p.get("enum")) {
                strings &= o.isTextual();
                options.add(o.asText());
            }
            return strings ? new Field(name, Kind.CHOICE, required, null, null, null, null, null, options, title,
                    description) : unsupported(name, required, title, description);
        }
        String type = p.path("type").isTextual() ? p.get("type").asText() : "";
        switch (type) {
            case "string":
                return new Field(name, Kind.TEXT, required, integer(p, "minLength"), integer(p, "maxLength"),
                        text(p, "pattern"), null, null, null, title, description);
            case "integer":
                if (p.has("minimum") && !p.get("minimum").canConvertToExactIntegral()
                        || p.has("maximum") && !p.get("maximum").canConvertToExactIntegral()) {
                    return unsupported(name, required, title, description);
                }
                return new Field(name, name.endsWith("Fen") ? Kind.YUAN : Kind.INTEGER, required, null, null, null,
                        p.has("minimum") ? p.get("minimum").asLong() : null,
                        p.has("maximum") ? p.get("maximum").asLong() : null, null, title, description);
            case "boolean":
                return new Field(name, Kind.BOOLEAN, required, null, null, null, null, null, null, title, description);
            default:
                return unsupported(name, required, title, description);
        }
    }

    private static Field unsupported(String name, boolean required, String title, String description) {
        return new Field(name, Kind.UNSUPPORTED, required, null, null, null, null, null, null, title, description);
    }

    /**
     * The facts of a form's values ({@code value}: the text of a field by its fact's name, null when not sent): a
     * blank optional field is left out, a number is a {@code long} (yuan read as exact fen), a checkbox is
     * {@code true} when sent, and each field the schema refuses is named with its problem.
     */
    public static Read read(List<Field> fields, Function<String, String> value) {
        Map<String, Object> facts = new LinkedHashMap<>();
        Map<String, Problem> problems = new LinkedHashMap<>();
        for (Field f : fields) {
            String raw = value.apply(f.name());
            String text = raw == null ? "" : raw.strip();
            if (f.kind() == Kind.BOOLEAN) {
                facts.put(f.name(), !text.isEmpty() && !"false".equals(text));
                continue;
            }
            if (text.isEmpty()) {
                if (f.required()) {
                    problems.put(f.name(), f.kind() == Kind.UNSUPPORTED ? Problem.UNSUPPORTED : Problem.REQUIRED);
                }
                continue;
            }
            try {
                facts.put(f.name(), typed(f, text));
            } catch (Refused r) {
                problems.put(f.name(), r.problem);
            }
        }
        return new Read(facts, problems);
    }

    private static Object typed(Field f, String text) {
        switch (f.kind()) {
            case CHOICE:
                if (!f.options().contains(text)) {
                    throw new Refused(Problem.NOT_AN_OPTION);
                }
                return text;
            case TEXT:
                int length = text.codePointCount(0, text.length()); // JSON Schema counts characters, not UTF-16 units
                if (f.minLength() != null && length < f.minLength()) {
                    throw new Refused(Problem.TOO_SHORT);
                }
                if (f.maxLength() != null && length > f.maxLength()) {
                    throw new Refused(Problem.TOO_LONG);
                }
                if (f.pattern() != null && !matches(f.pattern(), text)) {
                    throw new Refused(Problem.PATTERN);
                }
                return text;
            case INTEGER:
                if (!text.matches("[+-]?\\d{1,18}")) {
                    throw new Refused(Problem.NOT_INTEGER);
                }
                return bounded(f, Long.parseLong(text));
            case YUAN:
                OptionalLong fen;
                try {
                    fen = Yuan.toFen(text);
                } catch (IllegalArgumentException e) {
                    throw new Refused(Problem.NOT_YUAN);
                }
                return bounded(f, fen.getAsLong());
            default:
                throw new Refused(Problem.UNSUPPORTED);
        }
    }

    private static long bounded(Field f, long n) {
        if (f.minimum() != null && n < f.minimum()) {
            throw new Refused(Problem.BELOW_MINIMUM);
        }
        if (f.maximum() != null && n > f.maximum()) {
            throw new Refused(Problem.ABOVE_MAXIMUM);
        }
        return n;
    }

    /** JSON Schema's {@code pattern} is unanchored; one Java cannot compile is left to the service's check. */
    private static boolean matches(String pattern, String text) {
        try {
            return Pattern.compile(pattern).matcher(text).find();
        } catch (PatternSyntaxException e) {
            return true;
        }
    }

    private static String text(JsonNode p, String name) {
        return p.path(name).isTextual() ? p.get(name).asText() : null;
    }

    private static Integer integer(JsonNode p, String name) {
        return p.path(name).canConvertToInt() && p.get(name).isIntegralNumber() ? p.get(name).asInt() : null;
    }

    private static final class Refused extends RuntimeException {
        private final Problem problem;

        Refused(Problem problem) {
            super(problem.name(), null, false, false);
            this.problem = problem;
        }
    }
}
