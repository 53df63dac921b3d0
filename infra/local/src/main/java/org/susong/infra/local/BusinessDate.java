package org.susong.infra.local;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * A business date set for a demo or a test ({@code ./platform run --business-date 2026-06-01}): the services' clock
 * reads {@code date} at the Asia/Shanghai time of day of {@code setAt} and runs on from there (commons
 * {@code BusinessClock}, {@code susong.clock.business-date} and {@code susong.clock.business-date-set-at}). The
 * launcher keeps it beside the local data ({@code .platform/business-date.properties}) so a later run continues the
 * same clock instead of moving it back under what was written; {@code ./platform reset} deletes both.
 */
public record BusinessDate(LocalDate date, Instant setAt) {

    public static final String PROPERTY = "susong.clock.business-date";
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** Parses a {@code YYYY-MM-DD}; empty with the reason printed when it is none. */
    public static Optional<LocalDate> parse(String text) {
        try {
            return Optional.of(LocalDate.parse(text.trim()));
        } catch (DateTimeParseException | NullPointerException e) {
            return Optional.empty();
        }
    }

    /** The {@value #PROPERTY} system property of this JVM (the end-to-end suite's), set now; empty when not set. */
    public static Optional<BusinessDate> fromSystemProperty() {
        String value = System.getProperty(PROPERTY, "");
        if (value.isBlank()) {
            return Optional.empty();
        }
        LocalDate date = parse(value).orElseThrow(() -> new IllegalArgumentException(PROPERTY + " '" + value
                + "' is not a date (YYYY-MM-DD)"));
        return Optional.of(new BusinessDate(date, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
    }

    /** What the business clock reads now. */
    public LocalDate today() {
        Instant start = date.atTime(LocalTime.ofInstant(setAt, ZONE)).atZone(ZONE).toInstant();
        return start.plusMillis(Instant.now().toEpochMilli() - setAt.toEpochMilli()).atZone(ZONE).toLocalDate();
    }

    List<String> serviceProperties() {
        return List.of("-D" + PROPERTY + "=" + date, "-D" + PROPERTY + "-set-at=" + setAt);
    }

    /** One line for the launcher's banner, clearly labelled. */
    public String banner() {
        return "BUSINESS DATE SET FOR A DEMO: the services' clock reads " + today() + " (set to " + date + " at "
                + LocalTime.ofInstant(setAt, ZONE).truncatedTo(ChronoUnit.MINUTES) + " Asia/Shanghai, running on);"
                + " the real date is " + LocalDate.now(ZONE) + ". ./platform reset returns to the real date.";
    }

    static Path file(Path stateDir) {
        return stateDir.resolve("business-date.properties");
    }

    static Optional<BusinessDate> read(Path stateDir) {
        Path file = file(stateDir);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
            return Optional.of(new BusinessDate(LocalDate.parse(properties.getProperty("date")),
                    Instant.parse(properties.getProperty("set-at"))));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(file + " is unreadable (" + e.getMessage() + "); run ./platform reset");
        }
    }

    void write(Path stateDir) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("date", date.toString());
        properties.setProperty("set-at", setAt.toString());
        Files.createDirectories(stateDir);
        try (Writer writer = Files.newBufferedWriter(file(stateDir))) {
            properties.store(writer, "the business date set for a demo (./platform run --business-date); ./platform reset deletes it");
        }
    }
}
