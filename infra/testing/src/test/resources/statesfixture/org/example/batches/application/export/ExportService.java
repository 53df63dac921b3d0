package org.example.batches.application.export;

/** Fixture of ServiceArchitectureTest (not compiled): a sub-package of application is checked too. */
class ExportService {

    String label(String state) {
        return switch (state) {
            case "EXPORTED" -> "sent";
            default -> "waiting";
        };
    }
}
