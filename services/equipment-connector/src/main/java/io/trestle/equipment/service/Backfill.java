package io.trestle.equipment.service;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import io.trestle.equipment.aemp.EquipmentIdentity;
import io.trestle.equipment.config.EquipmentConnectorConfig.Vendor;
import io.trestle.equipment.domain.TelemetryItem;

/**
 * A vendor profile's back-fill settings, and what a gap in a cumulative element asks for. A snapshot holds only a
 * machine's latest values: when polling stopped for a while (the vendor's outage or the connector's), the readings
 * taken in between are only in the element's time series, and a cumulative counter read across the gap would turn all
 * of it into one delta at the end.
 *
 * @param after
 *            a gap longer than this is back-filled
 * @param max
 *            how far back a back-fill reaches at most
 * @param resources
 *            the time-series resources back-filled, in the profile's order
 */
public record Backfill(Duration after, Duration max, List<Resource> resources) {

    /** The cumulative elements that have a time series, as the poller names them. */
    public enum Counter {

        OPERATING_HOURS("operatingHours", TelemetryItem::cumulativeOperatingHours, "CumulativeOperatingHours"),
        IDLE_HOURS("idleHours", TelemetryItem::cumulativeIdleHours, "CumulativeIdleHours",
                "CumulativeIdleOperatingHours"),
        FUEL_USED("fuelUsed", TelemetryItem::cumulativeFuelUsed, "FuelUsed", "CumulativeFuelUsed");

        private final String element;
        private final Function<TelemetryItem, Object> value;
        private final List<String> resourceNames;

        Counter(String element, Function<TelemetryItem, Object> value, String... resourceNames) {
            this.element = element;
            this.value = value;
            this.resourceNames = List.of(resourceNames);
        }

        public String element() {
            return element;
        }

        boolean carries(TelemetryItem reading) {
            return value.apply(reading) != null;
        }

        static Optional<Counter> ofResource(String name) {
            for (Counter counter : values()) {
                if (counter.resourceNames.stream().anyMatch(known -> known.equalsIgnoreCase(name))) {
                    return Optional.of(counter);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * @param name
     *            as the vendor's URLs name the time series
     */
    public record Resource(String name, Counter counter) {
    }

    /**
     * The part of a gap a back-fill asks the time series for.
     *
     * @param publishedUpTo
     *            the latest reading of the element published
     * @param from
     *            where the back-fill starts: {@code publishedUpTo}, or later when the gap is longer than
     *            {@code backfill-max}
     * @param to
     *            the snapshot's reading of the element, published after the back-fill
     */
    public record Window(String assetId, Resource resource, Instant publishedUpTo, Instant from, Instant to) {

        /** Readings between {@code publishedUpTo} and {@code from} are not asked for. */
        public boolean capped() {
            return from.isAfter(publishedUpTo);
        }
    }

    /**
     * @throws IllegalArgumentException
     *             when the profile names a time series the connector has no element for
     */
    public static Backfill of(String vendor, Vendor profile) {
        List<Resource> resources = new ArrayList<>();
        Set<Counter> seen = new HashSet<>();
        for (String name : profile.backfillElements()) {
            Counter counter = Counter.ofResource(name.strip()).orElseThrow(() -> new IllegalArgumentException(
                    "trestle.equipment-connector.vendors." + vendor + ".backfill-elements names '" + name
                            + "'; back-filled can be " + knownNames()));
            if (seen.add(counter)) {
                resources.add(new Resource(name.strip(), counter));
            }
        }
        if (profile.backfillAfter().isNegative() || profile.backfillMax().isNegative()
                || profile.backfillMax().isZero()) {
            throw new IllegalArgumentException("trestle.equipment-connector.vendors." + vendor
                    + ".backfill-after must not be negative and .backfill-max must be positive");
        }
        return new Backfill(profile.backfillAfter(), profile.backfillMax(), List.copyOf(resources));
    }

    /** The window to back-fill when the snapshot's reading at {@code latest} lies too far beyond the last published. */
    Optional<Window> window(String asset, Resource resource, Instant publishedUpTo, Instant latest) {
        if (Duration.between(publishedUpTo, latest).compareTo(after) <= 0) {
            return Optional.empty();
        }
        Instant earliest = latest.minus(max);
        Instant from = publishedUpTo.isBefore(earliest) ? earliest : publishedUpTo;
        return Optional.of(new Window(asset, resource, publishedUpTo, from, latest));
    }

    private static String knownNames() {
        List<String> names = new ArrayList<>();
        for (Counter counter : Counter.values()) {
            names.addAll(counter.resourceNames);
        }
        return String.join(", ", names);
    }

    /**
     * One element's back-fill of one machine in progress: the pages read so far and the one to read next. It outlives a
     * cycle that could not finish it, so the next cycle goes on where it stopped rather than asking again for pages the
     * request budget has already spent.
     */
    static final class Job {

        private final Window window;
        private final EquipmentIdentity machine;
        /** Collected by reading id, for a page the vendor serves twice. */
        private final Map<String, Collected> readings = new LinkedHashMap<>();
        private final Set<URI> read = new HashSet<>();
        private URI next;

        Job(Window window, EquipmentIdentity machine, URI first) {
            this.window = window;
            this.machine = machine;
            this.next = first;
        }

        Window window() {
            return window;
        }

        EquipmentIdentity machine() {
            return machine;
        }

        /** Empty once the last page is read. */
        Optional<URI> next() {
            return Optional.ofNullable(next);
        }

        /**
         * Takes a page's readings of the element and moves on to its next link.
         *
         * @return false when the next link leads back to a page already read, which ends the series
         */
        boolean read(URI page, List<TelemetryItem> pageReadings, Optional<URI> nextPage) {
            read.add(page.normalize());
            for (TelemetryItem reading : pageReadings) {
                if (window.resource().counter().carries(reading)) {
                    readings.putIfAbsent(reading.readingId(), new Collected(reading, page));
                }
            }
            next = nextPage.filter(link -> !read.contains(link.normalize())).orElse(null);
            return nextPage.isEmpty() || next != null;
        }

        /**
         * The readings to publish, oldest first: after the last published one, before the snapshot's (which is
         * published itself), and within the window asked for.
         */
        List<Collected> gap(Instant latest) {
            return readings.values().stream()
                    .filter(c -> c.reading().readingTime().isAfter(window.publishedUpTo())
                            && c.reading().readingTime().isBefore(latest)
                            && !c.reading().readingTime().isAfter(window.to()))
                    .sorted(Comparator.comparing((Collected c) -> c.reading().readingTime())
                            .thenComparing(c -> c.reading().readingId()))
                    .toList();
        }
    }

    /** A back-filled reading with the page it came from, which a quarantine entry names. */
    record Collected(TelemetryItem reading, URI page) {
    }

    static String describe(Window window) {
        return String.format(Locale.ROOT, "%s of asset %s from %s to %s", window.resource().name(),
                window.assetId(), window.from(), window.to());
    }
}
