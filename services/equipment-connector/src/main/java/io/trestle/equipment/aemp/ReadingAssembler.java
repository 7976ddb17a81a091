package io.trestle.equipment.aemp;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import io.trestle.equipment.domain.TelemetryItem;
import io.trestle.equipment.domain.TelemetryItem.Position;
import io.trestle.equipment.domain.TelemetryItem.Quantity;
import io.trestle.equipment.service.Units;

/**
 * Turns the ISO 15143-3 data elements of one machine into readings. Each element carries its own {@code datetime};
 * elements taken at the same instant make up one reading. Elements the telemetry record has no field for are skipped.
 */
final class ReadingAssembler {

    /** The vendor spellings of the elements the telemetry record carries, by their ISO name. */
    private static final Map<String, String> ISO_NAMES = Map.ofEntries(
            Map.entry("cumulativeoperatinghours", "CumulativeOperatingHours"),
            Map.entry("cumulativeidlehours", "CumulativeIdleHours"),
            Map.entry("fuelused", "FuelUsed"),
            // The time-series resource is named CumulativeFuelUsed and some vendors name its elements alike.
            Map.entry("cumulativefuelused", "FuelUsed"),
            Map.entry("fuelremaining", "FuelRemaining"),
            Map.entry("fuelremainingratio", "FuelRemaining"),
            Map.entry("defremaining", "DEFRemaining"),
            Map.entry("defremainingratio", "DEFRemaining"),
            Map.entry("location", "Location"),
            Map.entry("enginestatus", "EngineStatus"),
            Map.entry("distance", "Distance"),
            Map.entry("cumulativeloadcount", "CumulativeLoadCount"),
            Map.entry("cumulativepayloadtotals", "CumulativePayloadTotals"));

    private static final double METRES_PER_FOOT = 0.3048;
    private static final Set<String> METRES = Set.of("m", "meter", "meters", "metre", "metres");
    private static final Set<String> FEET = Set.of("ft", "foot", "feet");

    private enum Field {
        OPERATING_HOURS,
        IDLE_HOURS,
        FUEL_USED,
        FUEL_REMAINING,
        DEF_REMAINING,
        LOCATION,
        ENGINE_RUNNING,
        ODOMETER,
        LOAD_COUNT,
        PAYLOAD
    }

    private ReadingAssembler() {
    }

    /** The readings of the data elements among {@code container}'s children, oldest first. */
    static List<TelemetryItem> readings(Node container, EquipmentIdentity identity) {
        Map<Instant, Draft> drafts = new TreeMap<>();
        for (Node element : container.children()) {
            String isoName = ISO_NAMES.get(element.name().toLowerCase(Locale.ROOT));
            if (isoName == null) {
                continue;
            }
            Map<Field, Object> values = read(isoName, element);
            if (values.isEmpty()) {
                continue;
            }
            String datetime = element.value("datetime")
                    .orElseThrow(() -> new AempFormatException(isoName + " has no datetime", element.path()));
            Instant time = instant(datetime, element.path() + "/datetime");
            drafts.computeIfAbsent(time, t -> new Draft()).add(isoName, values, element.path());
        }
        List<TelemetryItem> readings = new ArrayList<>();
        drafts.forEach((time, draft) -> readings.add(draft.toItem(identity, time)));
        return readings;
    }

    private static Map<Field, Object> read(String isoName, Node element) {
        Map<Field, Object> values = new EnumMap<>(Field.class);
        switch (isoName) {
            case "CumulativeOperatingHours" -> hours(element).ifPresent(v -> values.put(Field.OPERATING_HOURS, v));
            case "CumulativeIdleHours" -> hours(element).ifPresent(v -> values.put(Field.IDLE_HOURS, v));
            case "FuelUsed" -> quantity(element, "FuelConsumed", "FuelUnits", Units.VOLUME)
                    .ifPresent(v -> values.put(Field.FUEL_USED, v));
            case "FuelRemaining" -> percent(element).ifPresent(v -> values.put(Field.FUEL_REMAINING, v));
            case "DEFRemaining" -> percent(element).ifPresent(v -> values.put(Field.DEF_REMAINING, v));
            case "Location" -> position(element).ifPresent(v -> values.put(Field.LOCATION, v));
            case "EngineStatus" -> running(element).ifPresent(v -> values.put(Field.ENGINE_RUNNING, v));
            case "Distance" -> quantity(element, "Odometer", "OdometerUnits", Units.DISTANCE)
                    .ifPresent(v -> values.put(Field.ODOMETER, v));
            case "CumulativeLoadCount" -> count(element).ifPresent(v -> values.put(Field.LOAD_COUNT, v));
            case "CumulativePayloadTotals" -> quantity(element, "Payload", "PayloadUnits", Units.MASS)
                    .ifPresent(v -> values.put(Field.PAYLOAD, v));
            default -> throw new IllegalStateException("no mapping for " + isoName);
        }
        return values;
    }

    /** Hours as a number or, as some vendors write them, an ISO-8601 duration such as {@code P1DT7H2M3S}. */
    private static Optional<Double> hours(Node element) {
        return element.child("Hour").flatMap(hour -> hour.value().map(text -> {
            if (!text.toUpperCase(Locale.ROOT).startsWith("P")) {
                return decimal(text, hour.path()).doubleValue();
            }
            try {
                Duration duration = Duration.parse(text);
                return duration.getSeconds() / 3600.0 + duration.getNano() / 3_600_000_000_000.0;
            } catch (DateTimeException e) {
                throw new AempFormatException("'" + text + "' is neither a number of hours nor an ISO-8601 duration",
                        hour.path(), e);
            }
        }));
    }

    /** A level as {@code Percent} (0..100) or {@code Ratio} (0..1); the canonical model holds percent. */
    private static Optional<Double> percent(Node element) {
        Optional<Double> percent = element.child("Percent")
                .flatMap(node -> node.value().map(text -> decimal(text, node.path()).doubleValue()));
        if (percent.isPresent()) {
            return percent;
        }
        // Scaled as a decimal so that a ratio of 0.57 becomes 57, not 56.99999999999999.
        return element.child("Ratio")
                .flatMap(node -> node.value().map(text -> decimal(text, node.path()).movePointRight(2).doubleValue()));
    }

    /**
     * A value with its unit, the unit normalised to the canonical code where it is known. An unknown unit is kept as
     * written so the validator refuses that reading by name rather than this parser refusing the whole page.
     */
    private static Optional<Quantity> quantity(Node element, String valueName, String unitName, Units kind) {
        return element.child(valueName).flatMap(node -> node.value().map(text -> {
            String unit = element.value(unitName).orElse(null);
            return new Quantity(decimal(text, node.path()).doubleValue(), kind.normalise(unit).orElse(unit));
        }));
    }

    private static Optional<Position> position(Node element) {
        Optional<Double> latitude = number(element, "Latitude");
        Optional<Double> longitude = number(element, "Longitude");
        if (latitude.isEmpty() && longitude.isEmpty()) {
            return Optional.empty();
        }
        if (latitude.isEmpty() || longitude.isEmpty()) {
            throw new AempFormatException("Location has only one of Latitude and Longitude", element.path());
        }
        return Optional.of(new Position(latitude.get(), longitude.get(), altitudeMetres(element).orElse(null)));
    }

    /** {@code Altitude} as a number with {@code AltitudeUnits}, or nested as {@code Altitude/Meters} (AEMP 1.2). */
    private static Optional<Double> altitudeMetres(Node element) {
        Optional<Node> altitude = element.child("Altitude");
        if (altitude.isEmpty()) {
            return Optional.empty();
        }
        Node node = altitude.get();
        if (node.text() == null) {
            Optional<Double> metres = number(node, "Meters", "Metres");
            return metres.isPresent() ? metres : number(node, "Feet").map(feet -> feet * METRES_PER_FOOT);
        }
        Optional<Double> value = node.value().map(text -> decimal(text, node.path()).doubleValue());
        if (value.isEmpty()) {
            return value;
        }
        String unit = element.value("AltitudeUnits").orElse("m").toLowerCase(Locale.ROOT);
        if (METRES.contains(unit)) {
            return value;
        }
        if (FEET.contains(unit)) {
            return value.map(feet -> feet * METRES_PER_FOOT);
        }
        throw new AempFormatException("unknown altitude unit '" + unit + "'", element.path() + "/AltitudeUnits");
    }

    private static Optional<Boolean> running(Node element) {
        return element.child("Running").flatMap(node -> node.value().map(text -> switch (text.toLowerCase(
                Locale.ROOT)) {
            case "true", "1", "on", "yes" -> true;
            case "false", "0", "off", "no" -> false;
            default -> throw new AempFormatException("'" + text + "' is not a boolean", node.path());
        }));
    }

    private static Optional<Long> count(Node element) {
        return element.child("Count").flatMap(node -> node.value().map(text -> {
            try {
                return decimal(text, node.path()).longValueExact();
            } catch (ArithmeticException e) {
                throw new AempFormatException("'" + text + "' is not a whole number", node.path(), e);
            }
        }));
    }

    private static Optional<Double> number(Node element, String... names) {
        return element.child(names).flatMap(node -> node.value().map(text -> decimal(text, node.path())
                .doubleValue()));
    }

    /** Strict: {@link Double#parseDouble} would also take {@code NaN}, {@code Infinity} and {@code 1d}. */
    private static BigDecimal decimal(String text, String where) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new AempFormatException("'" + text + "' is not a number", where, e);
        }
    }

    /**
     * An instant as ISO-8601 with or without offset, or epoch milliseconds. ISO 15143-3 times are UTC, so a time
     * without offset is read as UTC.
     */
    static Instant instant(String text, String where) {
        try {
            if (text.chars().allMatch(Character::isDigit)) {
                return Instant.ofEpochMilli(Long.parseLong(text));
            }
            TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text, ZonedDateTime::from,
                    LocalDateTime::from);
            return parsed instanceof ZonedDateTime zoned
                    ? zoned.toInstant()
                    : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException | NumberFormatException e) {
            throw new AempFormatException("'" + text + "' is not an ISO-8601 date-time", where, e);
        }
    }

    /** The elements taken at one instant. */
    private static final class Draft {

        private final Map<Field, Object> values = new EnumMap<>(Field.class);
        private final Set<String> elements = new TreeSet<>();

        void add(String isoName, Map<Field, Object> read, String where) {
            read.forEach((field, value) -> {
                Object earlier = values.putIfAbsent(field, value);
                if (earlier != null && !earlier.equals(value)) {
                    throw new AempFormatException(isoName + " is reported twice at the same datetime with different "
                            + "values (" + earlier + ", " + value + ")", where);
                }
            });
            elements.add(isoName);
        }

        TelemetryItem toItem(EquipmentIdentity identity, Instant time) {
            return new TelemetryItem(readingId(identity, time), null, time,
                    (Double) values.get(Field.OPERATING_HOURS),
                    (Double) values.get(Field.IDLE_HOURS),
                    (Quantity) values.get(Field.FUEL_USED),
                    (Double) values.get(Field.FUEL_REMAINING),
                    (Double) values.get(Field.DEF_REMAINING),
                    (Position) values.get(Field.LOCATION),
                    (Boolean) values.get(Field.ENGINE_RUNNING),
                    (Quantity) values.get(Field.ODOMETER),
                    (Long) values.get(Field.LOAD_COUNT),
                    (Quantity) values.get(Field.PAYLOAD));
        }

        /**
         * Derived from the machine, the elements and the instant, so that polling the same snapshot again yields the
         * same ids and the downstream drops the repeats; the elements are part of it so that a time-series reading and
         * a snapshot reading at the same instant, holding different elements, stay apart.
         */
        private String readingId(EquipmentIdentity identity, Instant time) {
            String key = "aemp\u0000" + identity.stableKey() + "\u0000" + String.join(",", elements) + "\u0000"
                    + time;
            return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
        }
    }
}
