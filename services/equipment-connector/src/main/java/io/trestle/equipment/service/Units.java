package io.trestle.equipment.service;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Normalises the unit names telematics vendors write (litre/liter/L, gallon, kilometre/km, mile…) to the short codes of
 * the canonical model, per kind of quantity so that a fuel reading in kilometres is refused.
 */
public enum Units {

    VOLUME(Map.of("l", "L", "litre", "L", "liter", "L", "litres", "L", "liters", "L", "gal", "gal", "gallon", "gal",
            "gallons", "gal", "us gal", "gal")),
    DISTANCE(
            Map.of("km", "km", "kilometre", "km", "kilometer", "km", "kilometres", "km", "kilometers", "km",
                    "mi",
                    "mi", "mile", "mi", "miles", "mi")),
    MASS(
            Map.of("kg", "kg", "kilogram", "kg", "kilograms", "kg", "t", "t", "tonne", "t",
                    "tonnes", "t", "metric ton",
                    "t", "lb", "lb", "pound", "lb", "pounds", "lb"));

    private final Map<String, String> codesByName;

    Units(Map<String, String> codesByName) {
        this.codesByName = codesByName;
    }

    public Optional<String> normalise(String unit) {
        if (unit == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(codesByName.get(unit.trim().toLowerCase(Locale.ROOT)));
    }
}
