package io.trestle.equipment.identity;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

import io.trestle.equipment.aemp.EquipmentIdentity;

/**
 * A crosswalk held in memory, by PIN under any system, or by PIN or serial number under one system. An alternative of
 * the highest priority, so {@code @QuarkusTest}s use it over the crosswalk-backed resolver.
 */
@Alternative
@Priority(1000)
@Singleton
public class InMemoryMachineResolver implements MachineResolver {

    private final Map<String, String> assetByPin = new ConcurrentHashMap<>();
    private final Map<String, String> assetBySystemAndId = new ConcurrentHashMap<>();
    private volatile boolean ready = true;

    public InMemoryMachineResolver map(String pin, String assetId) {
        assetByPin.put(pin, assetId);
        return this;
    }

    /** Maps a PIN or serial number under one crosswalk system only, as the crosswalk API does. */
    public InMemoryMachineResolver map(String system, String externalId, String assetId) {
        assetBySystemAndId.put(system + "|" + externalId, assetId);
        return this;
    }

    public InMemoryMachineResolver ready(boolean ready) {
        this.ready = ready;
        return this;
    }

    @Override
    public Optional<String> assetOf(String system, EquipmentIdentity machine) {
        return Optional.ofNullable(machine.pin()).map(assetByPin::get)
                .or(() -> Optional.ofNullable(machine.pin()).map(pin -> assetBySystemAndId.get(system + "|" + pin)))
                .or(() -> Optional.ofNullable(machine.serialNumber())
                        .map(serial -> assetBySystemAndId.get(system + "|" + serial)));
    }

    @Override
    public boolean ready() {
        return ready;
    }
}
