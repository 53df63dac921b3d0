package org.susong.techcontracts.domain;

import java.util.EnumSet;
import java.util.Set;
import org.susong.commons.states.Transitions;

/**
 * Where a contract stands. SUBMITTED waits for the registry's review; REGISTERED carries a
 * registration number; REFUSED ("not registered") carries coded reasons; CANCELLED is final. An
 * amendment under review is kept beside a REGISTERED contract, which stays registered meanwhile. Stored and shown by
 * their names; {@link TechContract} checks the status a step needs and moves by {@link #moveTo}.
 */
public enum ContractStatus implements Transitions<ContractStatus> {
    SUBMITTED,
    REGISTERED,
    REFUSED,
    CANCELLED;

    @Override
    public Set<ContractStatus> next() {
        return switch (this) {
            case SUBMITTED -> EnumSet.of(REGISTERED, REFUSED);
            case REGISTERED -> EnumSet.of(CANCELLED);
            case REFUSED, CANCELLED -> EnumSet.noneOf(ContractStatus.class);
        };
    }
}
