package org.susong.techcontracts.messaging.out;

import java.time.LocalDate;
import org.susong.commons.messaging.EventHeaders;
import org.susong.commons.messaging.NewEvent;
import org.susong.techcontracts.domain.TechContractEvent;

/**
 * Wire events of the tech-contracts service ({@code tech-contracts.events}), mapped explicitly from
 * domain events. Schemas: services/event-contracts/src/main/resources/schemas/tech-contracts/.
 */
public final class ContractEvents {

    public static final String SERVICE = "tech-contracts";
    public static final String REGISTERED = EventHeaders.type(SERVICE, "ContractRegistered", 1);

    private ContractEvents() {
    }

    /** {@code susong.tech-contracts.ContractRegistered.v1}; amounts in integer fen, district as its enum name. */
    public record ContractRegisteredV1(String contractId, String registrationNumber, String title, String type,
                                       String sellerUscc, String buyerUscc, String sellerDistrict, LocalDate signingDate,
                                       LocalDate registeredOn, long contractAmountFen, long technicalTransactionAmountFen) {
    }

    /**
     * @param actor     the acting principal ({@code Principal.asActor()})
     * @param causation the request that caused the event
     */
    public static NewEvent toWire(TechContractEvent event, String actor, String causation) {
        if (event instanceof TechContractEvent.Registered r) {
            return NewEvent.of(REGISTERED, r.contractId(), new ContractRegisteredV1(r.contractId(),
                            r.registrationNumber().value(), r.title(), r.type().name(), r.seller().value(), r.buyer().value(),
                            r.sellerDistrict().name(), r.signingDate(), r.registeredOn(), r.contractAmount().fen(),
                            r.technicalTransactionAmount().fen()))
                    .actor(actor).correlation(r.contractId()).causation(causation).district(r.sellerDistrict().name())
                    .build();
        }
        throw new IllegalArgumentException("no wire mapping for " + event);
    }
}
