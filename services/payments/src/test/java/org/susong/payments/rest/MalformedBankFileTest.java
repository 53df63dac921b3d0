package org.susong.payments.rest;

import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.susong.testing.ContractValidation;
import org.susong.testing.LocalInfraTestResource;

/**
 * Issue 23 item 12: a malformed bank file (camt.053, pain.002) is refused with a problem, and the XML parser's
 * stack trace goes to the service's log at DEBUG, never to stderr (Prowide prints it there itself when its own
 * parse fails, outside the log's format, level and collector).
 */
@QuarkusTest
@ExtendWith(ContractValidation.class)
@WithTestResource(LocalInfraTestResource.class)
class MalformedBankFileTest {

    static final String BANK_LOG = "org.susong.payments.bank";

    @Test
    void a_malformed_statement_or_status_report_is_a_problem_with_no_stack_trace_on_stderr() {
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger bank = Logger.getLogger(BANK_LOG);
        Level level = bank.getLevel();
        bank.setLevel(Level.FINE);
        bank.addHandler(handler);
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            for (String path : List.of("/reconciliation/statements", "/reconciliation/status-reports")) {
                for (String body : List.of("<Document><oops", "not xml at all", "<?xml version=\"1.0\"?><Document xmlns=\"urn:x\"></Doc>")) {
                    Fixtures.officer("finance-1").contentType("application/xml").body(body.getBytes(StandardCharsets.UTF_8))
                            .post(path).then().statusCode(400).contentType("application/problem+json")
                            .body(not(containsString("Exception")));
                }
            }
        } finally {
            System.setErr(stderr);
            bank.removeHandler(handler);
            bank.setLevel(level);
        }
        String err = captured.toString(StandardCharsets.UTF_8);
        stderr.print(err);
        assertFalse(err.contains("com.prowidesoftware") || err.contains("SAXParseException") || err.contains("\tat "),
                "nothing on stderr from parsing a malformed file, got:\n" + err);
        assertTrue(logged.stream().anyMatch(r -> r.getLevel().intValue() <= Level.FINE.intValue() && r.getThrown() != null),
                "the parser's exception is in the log at DEBUG");
        assertTrue(logged.stream().noneMatch(r -> r.getLevel().intValue() > Level.FINE.intValue()),
                "and at no level above DEBUG: a malformed upload is the uploader's mistake, not the service's");
    }
}
