package org.susong.commons.messaging;

/**
 * A request received again under the same id (decision, revocation, conversion, ...) with another
 * payload hash than the one recorded: refused, never applied (Mojaloop's rule). It is a
 * {@link PermanentFailure}, so it goes to the dead-letter topic; {@link EventConsumer} also counts
 * it ({@code susong_events_modified_total{type}}) so that ops see tampering or a producer bug.
 */
public class ModifiedRequest extends PermanentFailure {

    public ModifiedRequest(String message) {
        super(message + " (modified request refused)");
    }
}
