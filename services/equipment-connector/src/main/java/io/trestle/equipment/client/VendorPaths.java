package io.trestle.equipment.client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.trestle.equipment.aemp.EquipmentIdentity;
import io.trestle.equipment.config.EquipmentConnectorConfig.Vendor;

/**
 * The URLs of one vendor's ISO 15143-3 resources: the fleet snapshot, a single machine's snapshot and a machine's time
 * series, each from the vendor profile's base URL and path templates.
 */
public final class VendorPaths {

    /** As the recorded Bosch requests write them; ISO 15143-3 times are UTC, so no offset is sent. */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)\\}");
    /** RFC 3986 {@code pchar} less {@code %}: these stay as they are in a path segment, everything else is encoded. */
    private static final String SEGMENT_SAFE = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
            + "-._~!$&'()*+,;=:@";

    private final URI baseUrl;
    private final URI firstFleetPage;
    private final String equipmentPath;
    private final String timeSeriesPath;

    VendorPaths(URI baseUrl, Optional<Integer> pageSize, String pageSizeParameter, String equipmentPath,
            String timeSeriesPath) {
        this.baseUrl = baseUrl.getPath().endsWith("/") ? baseUrl : URI.create(baseUrl + "/");
        URI first = this.baseUrl.resolve("Fleet/1");
        // Only on the first page: vendors carry the page size over into their next links, and a link is theirs.
        this.firstFleetPage = pageSize.map(size -> URI.create(first + "?" + encode(pageSizeParameter) + "=" + size))
                .orElse(first);
        this.equipmentPath = checked("equipment-path", equipmentPath, Set.of("id"));
        this.timeSeriesPath = checked("time-series-path", timeSeriesPath,
                Set.of("id", "element", "start", "end", "page"));
    }

    public static VendorPaths of(Vendor profile) {
        return new VendorPaths(profile.baseUrl(), profile.pageSize(), profile.pageSizeParameter(),
                profile.equipmentPath(), profile.timeSeriesPath());
    }

    /** The API root, ending in {@code /}. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** {@code Fleet/1}, with the page size when the profile sets one. */
    public URI firstFleetPage() {
        return firstFleetPage;
    }

    /** A link as a vendor wrote it, relative or absolute. */
    public URI resolve(URI link) {
        return baseUrl.resolve(link);
    }

    /**
     * The id the single-machine and time-series resources name a machine by: its PIN, else the EquipmentID the vendor
     * gives it; empty when the machine has neither.
     */
    public static Optional<String> idOf(EquipmentIdentity machine) {
        return Optional.ofNullable(machine.pin()).or(() -> Optional.ofNullable(machine.equipmentId()));
    }

    public URI equipment(String id) {
        return expand(equipmentPath, Map.of("id", id));
    }

    /**
     * @param start
     *            sent to the second, rounded down
     * @param end
     *            sent to the second, rounded up, so the reading at {@code end} itself is asked for
     * @param page
     *            from 1
     */
    public URI timeSeries(String id, String element, Instant start, Instant end, int page) {
        Instant roundedUp = end.truncatedTo(ChronoUnit.SECONDS);
        if (roundedUp.isBefore(end)) {
            roundedUp = roundedUp.plusSeconds(1);
        }
        return expand(timeSeriesPath, Map.of("id", id, "element", element, "start", TIME.format(start), "end",
                TIME.format(roundedUp), "page", String.valueOf(page)));
    }

    /** A typo in a template stops startup rather than every request it would build. */
    private static String checked(String property, String template, Set<String> known) {
        Matcher placeholder = PLACEHOLDER.matcher(template);
        while (placeholder.find()) {
            if (!known.contains(placeholder.group(1))) {
                throw new IllegalArgumentException("The vendor profile's " + property + " '" + template
                        + "' has a placeholder {" + placeholder.group(1) + "}; known are " + new TreeSet<>(known));
            }
        }
        return template;
    }

    private URI expand(String template, Map<String, String> values) {
        Matcher placeholder = PLACEHOLDER.matcher(template);
        StringBuilder path = new StringBuilder();
        while (placeholder.find()) {
            placeholder.appendReplacement(path, Matcher.quoteReplacement(encode(values.get(placeholder.group(1)))));
        }
        placeholder.appendTail(path);
        String relative = path.toString();
        // Appended, not resolved: an id with a colon in the first segment would read as a URI scheme.
        return relative.startsWith("/") ? baseUrl.resolve(relative) : URI.create(baseUrl + relative);
    }

    /** Percent-encodes a value for one path segment, so an id with {@code /} or a space cannot change the path. */
    static String encode(String value) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && SEGMENT_SAFE.indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return encoded.toString();
    }
}
