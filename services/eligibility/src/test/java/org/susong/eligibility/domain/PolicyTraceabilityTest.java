package org.susong.eligibility.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 16 item 8: the traceability table of {@code docs/policy.md} cannot rot. Each sentence of the source
 * (《关于深入实施科技创新引领工程 争创国家区域科技创新中心的若干措施》, Xiamen Daily 2024-02-26) that carries money, a cap, a
 * condition or a target has a row: the phrase → the rule or data that encodes it → the test that proves it →
 * sourced or placeholder. This plain unit test reads the table and the seeds (eligibility's catalogue from its own
 * resources, payments' budget lines and fund-investments' funds by relative path from this module, as
 * {@link BudgetLinesCoverageTest} does) and fails when:
 * <ul>
 * <li>a seeded measure with a money rule (an amount, a minimum, a maximum or a cap, or any OPEN measure) has a money key
 * no row names ({@code measures.json:<code>.rule.amount}, {@code .rule.minFen}, {@code .rule.maxFen}, {@code .capFen});</li>
 * <li>a legal ceiling ({@link LegalCeilings}) or a seeded budget line has no row;</li>
 * <li>a row names a key that does not exist (a catalogue, budget-line or fund key that resolves to nothing, a file
 * that is not in the services' main sources, a name the file does not contain);</li>
 * <li>a test named anywhere in the document ({@code Class#method}) is not a test method of a class in the source tree;</li>
 * <li>a row names no test, or does not say whether it is sourced, a placeholder or a reading;</li>
 * <li>a measure with placeholders has no row marked placeholder.</li>
 * </ul>
 * Keys are written {@code `file:key`} in the "encoded in" column: {@code measures.json:B1.rule.criteria.certificationKind}
 * (an array is entered by its elements' {@code name}), {@code budget-lines.json:lines.B2} (by {@code measureCode}),
 * {@code funds.json:FUND-TECH-INNOVATION.fields} (by {@code id}); any other file {@code [service/]Name.ext:word} must
 * contain the word (a file found in several services is qualified by its service directory).
 */
class PolicyTraceabilityTest {

    static final Path ROOT = Path.of("..", "..");
    static final Path POLICY = ROOT.resolve(Path.of("docs", "policy.md"));
    static final Path BUDGET_LINES = BudgetLinesCoverageTest.BUDGET_LINES;
    static final Path FUNDS = Path.of("..", "fund-investments", "src", "main", "resources", "seed", "funds.json");
    static final ObjectMapper JSON = new ObjectMapper();

    static final Pattern KEY = Pattern.compile("`((?:[A-Za-z0-9_-]+/)?[A-Za-z0-9_.-]+\\.(?:json|java|properties|md)):([^`\\s]+)`");
    static final Pattern TEST = Pattern.compile("\\b([A-Z][A-Za-z0-9_]*)#([a-z_][A-Za-z0-9_]*)\\b");
    static final Pattern STATUS = Pattern.compile("(?i)\\b(sourced|placeholder|reading)\\b");

    /** One row of the traceability table. */
    record Row(int line, String phrase, String encoded, String tests, String status) {
        List<String> keys() {
            List<String> keys = new ArrayList<>();
            Matcher m = KEY.matcher(encoded);
            while (m.find()) {
                keys.add(m.group(1) + ":" + m.group(2));
            }
            return keys;
        }

        boolean names(String fileKey) {
            return keys().contains(fileKey);
        }
    }

    @Test
    void every_money_rule_ceiling_and_budget_line_of_the_seeds_has_a_row_with_a_test_and_a_status() throws IOException {
        List<Row> rows = rows(Files.readString(POLICY));
        assertTrue(rows.size() >= 10, "the traceability table of docs/policy.md was read: " + rows.size() + " rows");
        List<String> problems = new ArrayList<>();
        for (Row r : rows) {
            if (!TEST.matcher(r.tests()).find()) {
                problems.add("row at line " + r.line() + " names no test (Class#method): " + r.phrase());
            }
            if (!STATUS.matcher(r.status()).find()) {
                problems.add("row at line " + r.line() + " says neither sourced, placeholder nor reading: " + r.phrase());
            }
            if (r.keys().isEmpty()) {
                problems.add("row at line " + r.line() + " names no `file:key` it is encoded in: " + r.phrase());
            }
        }
        JsonNode catalogue = catalogue();
        int moneyMeasures = 0;
        for (JsonNode m : catalogue.get("measures")) {
            String code = m.get("code").asText();
            JsonNode rule = m.get("rule");
            List<String> moneyKeys = new ArrayList<>();
            for (String field : List.of("amount", "minFen", "maxFen")) {
                if (present(rule.get(field))) {
                    moneyKeys.add("measures.json:" + code + ".rule." + field);
                }
            }
            if (present(m.get("capFen"))) {
                moneyKeys.add("measures.json:" + code + ".capFen");
            }
            boolean payable = !"INFORMATIONAL".equals(m.get("status").asText());
            if (moneyKeys.isEmpty() && !payable) {
                continue; // no money in the source and nothing paid: listed under "not encoded" in policy.md
            }
            moneyMeasures++;
            if (moneyKeys.isEmpty()) {
                String prefix = "measures.json:" + code + ".";
                if (rows.stream().noneMatch(r -> r.keys().stream().anyMatch(k -> k.startsWith(prefix)))) {
                    problems.add(code + " is payable but no row names a key of it (" + prefix + "...)");
                }
            }
            for (String key : moneyKeys) {
                if (rows.stream().noneMatch(r -> r.names(key))) {
                    problems.add(code + "'s money rule has no row naming `" + key + "`");
                }
            }
            if (m.get("placeholders").size() > 0 && rows.stream().noneMatch(r -> r.keys().stream()
                    .anyMatch(k -> k.startsWith("measures.json:" + code + ".")) && r.status().toLowerCase(Locale.ROOT)
                    .contains("placeholder"))) {
                problems.add(code + " has placeholders in the catalogue but no row of it is marked placeholder");
            }
            if (LegalCeilings.of(code).isPresent() && rows.stream().noneMatch(r -> r.names("LegalCeilings.java:" + code))) {
                problems.add(code + " has a legal ceiling but no row names `LegalCeilings.java:" + code + "`");
            }
        }
        assertTrue(moneyMeasures >= 6, "the catalogue's money measures were read: " + moneyMeasures);
        for (JsonNode line : JSON.readTree(Files.readString(BUDGET_LINES)).get("lines")) {
            String key = "budget-lines.json:lines." + line.get("measureCode").asText();
            if (rows.stream().noneMatch(r -> r.names(key))) {
                problems.add("budget line " + line.get("measureCode").asText() + " has no row naming `" + key + "`");
            }
        }
        assertEquals(List.of(), problems, "docs/policy.md's traceability table is missing rows");
    }

    @Test
    void every_key_the_table_names_exists_in_the_seeds_and_sources() throws IOException {
        List<Row> rows = rows(Files.readString(POLICY));
        JsonNode catalogue = catalogue();
        JsonNode lines = JSON.readTree(Files.readString(BUDGET_LINES)).get("lines");
        JsonNode funds = JSON.readTree(Files.readString(FUNDS)).get("funds");
        List<Path> mainFiles = files("main");
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Row r : rows) {
            for (String fileKey : r.keys()) {
                checked++;
                int colon = fileKey.indexOf(':');
                String file = fileKey.substring(0, colon);
                String key = fileKey.substring(colon + 1);
                String problem = switch (file) {
                    case "measures.json" -> resolve(catalogue.get("measures"), "code", key);
                    case "budget-lines.json" -> key.startsWith("lines.") ? resolve(lines, "measureCode", key.substring(6))
                            : "budget-lines.json keys start with lines.";
                    case "funds.json" -> resolve(funds, "id", key);
                    default -> contains(mainFiles, file, key);
                };
                if (problem != null) {
                    problems.add("line " + r.line() + ": `" + fileKey + "`: " + problem);
                }
            }
        }
        assertTrue(checked >= 20, "the table's keys were read: " + checked);
        assertEquals(List.of(), problems, "keys named in docs/policy.md that do not exist");
    }

    @Test
    void every_test_the_document_names_is_a_test_method_in_the_source_tree() throws IOException {
        String policy = Files.readString(POLICY);
        Map<String, List<Path>> byClass = new TreeMap<>();
        for (Path p : files("test")) {
            String name = p.getFileName().toString();
            if (name.endsWith(".java")) {
                byClass.computeIfAbsent(name.substring(0, name.length() - 5), k -> new ArrayList<>()).add(p);
            }
        }
        Set<String> named = new LinkedHashSet<>();
        Matcher m = TEST.matcher(policy);
        while (m.find()) {
            named.add(m.group(1) + "#" + m.group(2));
        }
        assertTrue(named.size() >= 15, "the tests named in docs/policy.md were read: " + named);
        List<String> missing = new ArrayList<>();
        for (String test : named) {
            String cls = test.substring(0, test.indexOf('#'));
            String method = test.substring(test.indexOf('#') + 1);
            Pattern declared = Pattern.compile("@(?:Test|ParameterizedTest|RepeatedTest)\\b[^{;]*?\\bvoid\\s+" + method
                    + "\\s*\\(", Pattern.DOTALL);
            boolean found = byClass.getOrDefault(cls, List.of()).stream().anyMatch(p -> declared.matcher(read(p)).find());
            if (!found) {
                missing.add(test + (byClass.containsKey(cls) ? " (no such test method)" : " (no such test class)"));
            }
        }
        assertEquals(List.of(), missing, "tests named in docs/policy.md that do not exist");
    }

    /** The rows of the table under "## Traceability" (header and separator skipped). */
    static List<Row> rows(String policy) {
        List<Row> rows = new ArrayList<>();
        String[] lines = policy.split("\n", -1);
        boolean inSection = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.startsWith("## ")) {
                inSection = line.toLowerCase(Locale.ROOT).startsWith("## traceability");
                continue;
            }
            if (!inSection || !line.startsWith("|") || line.startsWith("|---") || line.startsWith("| ---")) {
                continue;
            }
            String[] cells = line.substring(1, line.endsWith("|") ? line.length() - 1 : line.length()).split("\\|", -1);
            if (cells.length < 4 || cells[0].strip().equalsIgnoreCase("source phrase")) {
                continue;
            }
            rows.add(new Row(i + 1, cells[0].strip(), cells[1].strip(), cells[2].strip(), cells[cells.length - 1].strip()));
        }
        return rows;
    }

    /** Null when {@code path} (dot-separated; arrays entered by {@code idField}, then by criteria's name) resolves. */
    static String resolve(JsonNode array, String idField, String path) {
        String[] parts = path.split("\\.");
        JsonNode node = byField(array, idField, parts[0]);
        for (int i = 1; i < parts.length && node != null; i++) {
            node = node.isArray() ? byField(node, "name", parts[i]) : node.get(parts[i]);
        }
        return present(node) ? null : "resolves to nothing";
    }

    static JsonNode byField(JsonNode array, String field, String value) {
        for (JsonNode element : array) {
            if (element.has(field) && element.get(field).asText().equals(value)) {
                return element;
            }
        }
        return null;
    }

    /** Null when the one main source file named {@code file} ({@code service/Name.ext} or {@code Name.ext}) holds {@code word}. */
    static String contains(List<Path> mainFiles, String file, String word) {
        String service = file.contains("/") ? file.substring(0, file.indexOf('/')) : null;
        String name = file.contains("/") ? file.substring(file.indexOf('/') + 1) : file;
        List<Path> found = mainFiles.stream().filter(p -> p.getFileName().toString().equals(name))
                .filter(p -> service == null || p.startsWith(ROOT.resolve(Path.of("services", service)))).toList();
        if (found.size() != 1) {
            return found.isEmpty() ? "no such file in services/*/src/main" : "found in " + found.size()
                    + " services: qualify it as service/" + name;
        }
        Pattern w = Pattern.compile("(?<![A-Za-z0-9_.-])" + Pattern.quote(word) + "(?![A-Za-z0-9_-])");
        return w.matcher(read(found.get(0))).find() ? null : "not in " + found.get(0);
    }

    /** The files under services/{@code *}/src/{@code kind} (and infra/{@code *}/src/{@code kind}). */
    static List<Path> files(String kind) throws IOException {
        List<Path> result = new ArrayList<>();
        for (String top : List.of("services", "infra")) {
            try (Stream<Path> modules = Files.list(ROOT.resolve(top))) {
                for (Path module : modules.toList()) {
                    Path src = module.resolve(Path.of("src", kind));
                    if (Files.isDirectory(src)) {
                        try (Stream<Path> walk = Files.walk(src)) {
                            walk.filter(Files::isRegularFile).forEach(result::add);
                        }
                    }
                }
            }
        }
        return result;
    }

    static JsonNode catalogue() throws IOException {
        try (InputStream in = PolicyTraceabilityTest.class.getResourceAsStream("/seed/measures.json")) {
            return JSON.readTree(in);
        }
    }

    static boolean present(JsonNode node) {
        return node != null && !node.isNull() && !node.isMissingNode();
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
