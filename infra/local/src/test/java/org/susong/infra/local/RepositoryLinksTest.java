package org.susong.infra.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * A clone alone explains the repository (issue 21 item 1): every relative link of a Markdown page and every
 * {@code docs/....md#anchor} reference in code, scripts and configuration resolves to a file of this repository and,
 * when it names one, to an anchor of that page (an explicit {@code <a id>} or a heading, slugged as GitHub does);
 * nothing the code relies on points outside the repository (to the guidance beside it), and a mention of an
 * architecture rule or of the toolchain facts names the page (and the rule's anchor) it means.
 */
class RepositoryLinksTest {

    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern DOCS_REFERENCE = Pattern.compile("(?<![\\w/.-])(docs/[\\w./-]+\\.md)(#[\\w-]+)?");
    private static final Pattern OUTSIDE = Pattern.compile("\\.\\./shared|shared/docs/|(?<![\\w/.-])(?:house-style|review-checklist|domain)\\.md");
    private static final Pattern RULE_MENTION = Pattern.compile("architecture rules? \\d");
    private static final Pattern BARE_TOOLCHAIN = Pattern.compile("(?<![\\w/.\\[-])(?<!\\]\\()toolchain\\.md");
    private static final Pattern EXPLICIT_ANCHOR = Pattern.compile("<a\\s+(?:id|name)=\"([^\"]+)\"");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Set<String> CODE_SUFFIXES = Set.of(".java", ".sh", ".properties", ".xml", ".yaml", ".yml",
            ".py", ".json", ".md");

    private final Path root = repositoryRoot();
    private final Map<Path, Set<String>> anchors = new HashMap<>();

    @Test
    void every_link_and_docs_reference_resolves_inside_the_repository() throws IOException {
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path file : files()) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            String name = file.getFileName().toString();
            if (name.endsWith(".md")) {
                Matcher m = MARKDOWN_LINK.matcher(text);
                while (m.find()) {
                    String target = m.group(1);
                    if (target.matches("^[a-z][a-z0-9+.-]*:.*")) {
                        continue; // a scheme (http:, mailto:): not a file of the repository
                    }
                    checked++;
                    check(file, file.getParent(), target, broken);
                }
            }
            Matcher d = DOCS_REFERENCE.matcher(text);
            while (d.find()) {
                checked++;
                check(file, root, d.group(1) + (d.group(2) == null ? "" : d.group(2)), broken);
            }
        }
        assertTrue(checked > 100, "the scan found the repository's links (" + checked + ")");
        assertEquals(List.of(), broken, "links that do not resolve in a clone");
    }

    @Test
    void nothing_points_to_the_guidance_outside_the_repository() throws IOException {
        List<String> outside = new ArrayList<>();
        for (Path file : files()) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                boolean unlinkedRule = RULE_MENTION.matcher(line).find() && !line.contains("architecture.md#rule-");
                if (OUTSIDE.matcher(line).find() || unlinkedRule || BARE_TOOLCHAIN.matcher(line).find()) {
                    outside.add(root.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).strip());
                }
            }
        }
        assertEquals(List.of(), outside, "references to files beside the repository, or not written as a link: the "
                + "repository's own copies are docs/architecture.md#rule-N (the rules), docs/toolchain.md and docs/policy.md "
                + "(the source's phrases)");
    }

    @Test
    void the_checker_finds_a_missing_page_and_a_missing_anchor() throws IOException {
        List<String> broken = new ArrayList<>();
        Path architecture = root.resolve("docs/architecture.md");
        check(architecture, root, "docs/architecture.md#rule-4", broken);
        check(architecture, root, "docs/toolchain.md#store", broken);
        check(architecture, root, "docs/architecture.md#shared-mechanisms-servicescommons", broken);
        assertEquals(List.of(), broken, "the rules, the toolchain and a heading slug resolve");
        check(architecture, root, "docs/architecture.md#rule-99", broken);
        check(architecture, root, "docs/no-such-page.md", broken);
        assertEquals(2, broken.size(), String.join("\n", broken));
        assertTrue(OUTSIDE.matcher("see ../shared/docs/architecture.md").find());
        assertTrue(OUTSIDE.matcher("(house-style.md)").find());
        assertTrue(BARE_TOOLCHAIN.matcher("see toolchain.md").find());
        assertTrue(!BARE_TOOLCHAIN.matcher("see docs/toolchain.md#store and [toolchain](toolchain.md)").find());
    }

    private void check(Path from, Path base, String target, List<String> broken) {
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = path.isEmpty() ? from : base.resolve(path).normalize();
        String where = root.relativize(from) + ": " + target;
        if (!resolved.startsWith(root)) {
            broken.add(where + " (leaves the repository)");
            return;
        }
        if (!Files.exists(resolved)) {
            broken.add(where + " (no such file)");
            return;
        }
        if (anchor != null && !anchor.isEmpty() && resolved.toString().endsWith(".md")
                && !anchorsOf(resolved).contains(anchor.toLowerCase(Locale.ROOT))) {
            broken.add(where + " (no such anchor)");
        }
    }

    private Set<String> anchorsOf(Path page) {
        return anchors.computeIfAbsent(page, p -> {
            Set<String> found = new HashSet<>();
            Map<String, Integer> seen = new HashMap<>();
            boolean fenced = false;
            try {
                for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                    if (line.startsWith("```")) {
                        fenced = !fenced;
                    }
                    Matcher explicit = EXPLICIT_ANCHOR.matcher(line);
                    while (explicit.find()) {
                        found.add(explicit.group(1).toLowerCase(Locale.ROOT));
                    }
                    Matcher heading = HEADING.matcher(line);
                    if (!fenced && heading.matches()) {
                        String slug = slug(heading.group(1));
                        int n = seen.merge(slug, 1, Integer::sum) - 1;
                        found.add(n == 0 ? slug : slug + "-" + n);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return found;
        });
    }

    /** GitHub's heading anchor: lower case, punctuation dropped (letters, digits, '-', '_' and spaces kept), spaces to '-'. */
    static String slug(String heading) {
        String text = heading.replaceAll("`", "").replaceAll("<[^>]+>", "").toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                out.appendCodePoint(c);
            } else if (c == ' ') {
                out.append('-');
            }
        });
        return out.toString();
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> {
                        Path rel = root.relativize(p);
                        for (Path part : rel) {
                            String s = part.toString();
                            if (s.equals("target") || s.equals("node_modules") || s.startsWith(".")) {
                                return false;
                            }
                        }
                        String n = p.getFileName().toString();
                        return CODE_SUFFIXES.stream().anyMatch(n::endsWith) || n.equals("platform");
                    })
                    .filter(p -> !p.getFileName().toString().equals("RepositoryLinksTest.java"))
                    .sorted()
                    .toList();
        }
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no mvnw above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
