package org.susong.eligibility.application;

import io.quarkus.arc.Arc;
import java.util.UUID;

/**
 * Test fixture: a technology contract in eligibility's registry projection, written by the projection's own
 * writer as a {@code ContractRegistered} event would (B3b applications are decided against it, issue 16 item 3).
 */
public final class RegisteredContracts {

    private RegisteredContracts() {
    }

    /** Registers contract {@code number} with {@code seller} as the seller (the rewarded party by default). */
    public static void register(String number, String seller, long technicalFen, String registeredOn) {
        Arc.container().instance(ContractRegistry.class).get().registered(new ContractRegistry.Registration(
                UUID.randomUUID().toString(), "TC-" + number, number, seller, null, registeredOn, technicalFen));
    }
}
