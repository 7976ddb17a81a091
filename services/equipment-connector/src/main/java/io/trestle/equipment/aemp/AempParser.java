package io.trestle.equipment.aemp;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.trestle.equipment.domain.TelemetryItem;

/**
 * Reads ISO 15143-3 (AEMP 2.0, and legacy AEMP 1.2) payloads, JSON or XML, into neutral readings. It does no I/O: the
 * poller fetches the pages and hands the bodies over. Safe for concurrent use.
 */
public final class AempParser {

    private final PayloadReader reader = new PayloadReader();

    /**
     * Reads a fleet snapshot page ({@code /Fleet/{page}}), or a single machine's snapshot.
     *
     * @param body
     *            the response body
     * @param contentType
     *            the response's content type, may be null; consulted only when the body starts with neither {@code <}
     *            nor {@code {}/{@code [} @throws AempFormatException when the payload cannot be read in full
     */
    public AempPage parseFleet(String body, String contentType) {
        List<AempEquipment> equipment = new ArrayList<>();
        Links links = new Links();
        Optional<Instant> snapshotTime = Optional.empty();
        for (Node root : reader.read(body, contentType)) {
            Node fleet = root.child("Fleet").orElse(root);
            List<Node> machines = fleet.children("Equipment");
            if (machines.isEmpty() && fleet.child("EquipmentHeader").isPresent()) {
                machines = List.of(fleet);
            }
            for (Node machine : machines) {
                EquipmentIdentity identity = identity(machine)
                        .orElseThrow(() -> new AempFormatException("Equipment has no EquipmentHeader", machine.path()));
                equipment.add(new AempEquipment(identity, ReadingAssembler.readings(machine, identity)));
            }
            links.collect(fleet);
            if (snapshotTime.isEmpty()) {
                snapshotTime = fleet.child("snapshotTime").flatMap(node -> node.value()
                        .map(text -> ReadingAssembler.instant(text, node.path())));
            }
        }
        return new AempPage(List.copyOf(equipment), links.next(equipment.isEmpty()), links.last(), snapshotTime);
    }

    /**
     * Reads a time-series page ({@code /Fleet/Equipment/{id}/{dataElement}/{start}/{end}/{page}}). Every supported data
     * element on the page is read, whatever the requested one: vendors name the elements differently from the resource
     * (resource {@code FuelRemainingRatio}, elements {@code FuelRemaining}).
     *
     * @param requested
     *            the machine the page was requested for; used when the payload carries no {@code EquipmentHeader}
     * @throws AempFormatException
     *             when the payload cannot be read in full
     */
    public AempTimeSeriesPage parseTimeSeries(String body, String contentType, EquipmentIdentity requested) {
        EquipmentIdentity identity = requested;
        List<Node> containers = new ArrayList<>();
        Links links = new Links();
        for (Node root : reader.read(body, contentType)) {
            Node container = root.child("Fleet").orElse(root);
            Optional<EquipmentIdentity> reported = identity(container);
            if (reported.isPresent()) {
                identity = reported.get();
            }
            containers.add(container);
            links.collect(container);
        }
        if (identity == null || identity.isEmpty()) {
            throw new AempFormatException("neither the payload nor the request identifies the machine",
                    "EquipmentHeader");
        }
        List<TelemetryItem> readings = new ArrayList<>();
        for (Node container : containers) {
            readings.addAll(ReadingAssembler.readings(container, identity));
        }
        return new AempTimeSeriesPage(identity, List.copyOf(readings), links.next(readings.isEmpty()),
                links.last());
    }

    private static Optional<EquipmentIdentity> identity(Node machine) {
        return machine.child("EquipmentHeader").map(header -> {
            EquipmentIdentity identity = new EquipmentIdentity(
                    // AEMP 1.2 calls the manufacturer Make.
                    header.value("OEMName", "Make").orElse(null),
                    header.value("Model").orElse(null),
                    header.value("SerialNumber").orElse(null),
                    header.value("PIN").orElse(null),
                    header.value("EquipmentID").orElse(null));
            if (identity.isEmpty()) {
                throw new AempFormatException("EquipmentHeader has none of PIN, SerialNumber and EquipmentID",
                        header.path());
            }
            return identity;
        });
    }

    /** The {@code Links} of a page, each a {@code rel} and an {@code href} as child elements or attributes. */
    private static final class Links {

        private Optional<URI> self = Optional.empty();
        private Optional<URI> next = Optional.empty();
        private Optional<URI> last = Optional.empty();

        void collect(Node page) {
            for (Node link : page.children("Links")) {
                Optional<String> rel = link.value("rel");
                Optional<String> href = link.value("href");
                if (rel.isEmpty() || href.isEmpty()) {
                    continue;
                }
                URI uri = uri(href.get(), link.path());
                switch (rel.get().toLowerCase(Locale.ROOT)) {
                    case "self" -> self = Optional.of(uri);
                    case "next" -> next = Optional.of(uri);
                    case "last" -> last = Optional.of(uri);
                    default -> {
                        // prev and first are of no use to a poller that walks forward.
                    }
                }
            }
        }

        /**
         * No next page when the link points back at this page (Bosch does so on its last page) or when the page is
         * empty: a page past the end is empty, and Bosch's empty page still links back to page 1, which a poller
         * following it would loop on.
         */
        Optional<URI> next(boolean pageIsEmpty) {
            if (pageIsEmpty || next.equals(self)) {
                return Optional.empty();
            }
            return next;
        }

        Optional<URI> last() {
            return last;
        }

        private static URI uri(String href, String where) {
            try {
                return new URI(href);
            } catch (URISyntaxException e) {
                throw new AempFormatException("'" + href + "' is not a URI", where, e);
            }
        }
    }
}
