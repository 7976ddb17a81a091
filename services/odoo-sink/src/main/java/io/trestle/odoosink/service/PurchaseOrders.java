package io.trestle.odoosink.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.trestle.odoo.client.OdooValues;
import io.trestle.schema.equipment.PartNeeded;
import io.trestle.schema.equipment.WorkOrderChanged;
import io.trestle.schema.equipment.WorkOrderStatus;

/**
 * Maps the parts a work order needs to the one draft {@code purchase.order} (an RFQ) the sink keeps for it in Odoo.
 *
 * <p>
 * The RFQ is found by its source document ({@code origin}), which names the work order, rather than by an external id
 * through {@code load}: {@code load} cannot replace an order's lines (re-loading a parent with one2many sub-rows adds
 * the rows again in Odoo 17), and the origin is where Odoo itself records what a purchase is for, so the buyer sees the
 * work order too. Parts are matched to products by their Internal Reference ({@code default_code}) only; a part number
 * that matches no product, or several, is refused rather than ordered as a guessed product. Quantities are counted in
 * the product's purchase unit and never converted.
 *
 * <p>
 * The sink changes an RFQ only while it is a draft: once a buyer sent, confirmed or cancelled it, the order is the
 * buyer's. A draft follows the work order's latest list of parts line by line, so the lines a buyer already priced
 * stay. A cancelled work order cancels its draft RFQ, so nobody confirms parts that are no longer needed. A change that
 * lists no parts orders nothing and leaves the RFQ as it is: platforms that report parts only while ordering them would
 * otherwise empty the RFQ with the next status change.
 */
public final class PurchaseOrders {

    public static final String MODEL = "purchase.order";
    static final String LINE_MODEL = "purchase.order.line";
    static final String PRODUCT_MODEL = "product.product";
    static final List<String> ORDER_FIELDS = List.of("name", "origin", "state");
    static final List<String> LINE_FIELDS = List.of("order_id", "product_id", "product_qty", "product_uom",
            "display_type");
    static final List<String> PRODUCT_FIELDS = List.of("default_code", "uom_po_id");
    static final Map<String, Object> CANCEL = Map.of("state", "cancel");

    private static final String DRAFT = "draft";
    private static final Map<String, String> STATES = Map.of("sent", "sent to the vendor", "to approve",
            "waiting for approval", "purchase", "confirmed", "done", "locked", "cancel", "cancelled");

    private PurchaseOrders() {
    }

    /** What a work order change asks of purchasing. */
    public sealed interface Request {
    }

    /** A request about the work order's RFQ, which {@code origin} identifies. */
    public sealed interface ForRfq extends Request {

        String origin();
    }

    /** Order these parts on the work order's RFQ. */
    public record Order(String origin, List<PartNeeded> parts) implements ForRfq {
    }

    /** The work order was cancelled: cancel its RFQ while it is a draft. */
    public record Withdraw(String origin) implements ForRfq {
    }

    /** Nothing to order or cancel. */
    public record Nothing(String why) implements Request {
    }

    /** Why the change or its parts must not reach Odoo. */
    public record Refused(String reasonCode, String message) implements Request, Lines {
    }

    /** The lines an RFQ must have, or why they cannot be known. */
    public sealed interface Lines {
    }

    public record Resolved(List<Line> lines) implements Lines {
    }

    /** One line the RFQ must have: a product in a quantity of its purchase unit. */
    public record Line(long productId, double quantity, long uomId) {
    }

    /** A product line an RFQ has in Odoo. */
    record ExistingLine(long id, long orderId, long productId, double quantity, long uomId) {

        /** Null for a section or note line, which orders nothing. */
        static ExistingLine of(Map<String, Object> row) {
            if (OdooValues.orNull(row.get("display_type")) != null) {
                return null;
            }
            return new ExistingLine(((Number) row.get("id")).longValue(), many2one(row, "order_id"),
                    many2one(row, "product_id"), ((Number) row.get("product_qty")).doubleValue(),
                    many2one(row, "product_uom"));
        }
    }

    /** A product parts are ordered as, with the unit Odoo buys it in. */
    record Product(long id, String partNumber, long purchaseUomId, String purchaseUom) {

        static Product of(Map<String, Object> row) {
            return new Product(((Number) row.get("id")).longValue(), (String) row.get("default_code"),
                    many2one(row, "uom_po_id"), OdooValues.many2oneName(row.get("uom_po_id")).orElse(""));
        }
    }

    /** An RFQ as read from Odoo. */
    record Rfq(long id, String name, String origin, String state) {

        static Rfq of(Map<String, Object> row) {
            return new Rfq(((Number) row.get("id")).longValue(), (String) row.get("name"),
                    (String) row.get("origin"), (String) row.get("state"));
        }

        boolean isDraft() {
            return DRAFT.equals(state);
        }

        /** Why the sink leaves this RFQ as it is. */
        String notChanged() {
            return "RFQ " + name + " is " + STATES.getOrDefault(state, state)
                    + "; the sink changes only draft RFQs, so the buyer's order is not changed";
        }
    }

    /** The source document that identifies the work order's RFQ. */
    public static String origin(String workOrderId) {
        return "Trestle work order " + workOrderId;
    }

    public static Request request(WorkOrderChanged workOrder) {
        String origin = origin(workOrder.getWorkOrderId());
        if (workOrder.getStatus() == WorkOrderStatus.CANCELLED) {
            return new Withdraw(origin);
        }
        List<PartNeeded> parts = workOrder.getPartsNeeded();
        if (parts == null || parts.isEmpty()) {
            return new Nothing("the work order lists no parts; nothing to order");
        }
        for (PartNeeded part : parts) {
            if (part.getPartNumber().isBlank()) {
                return new Refused("SCHEMA_VIOLATION", "a part has a blank part number; the part is not guessed");
            }
            double quantity = part.getQuantity();
            if (quantity < 0) {
                return new Refused("NEGATIVE_VALUE", "part '" + part.getPartNumber() + "' has a negative quantity "
                        + quantity);
            }
            if (!(quantity > 0) || Double.isInfinite(quantity)) {
                return new Refused("VALUE_OUT_OF_RANGE", "part '" + part.getPartNumber() + "' has quantity "
                        + quantity + "; a part is ordered in a finite quantity above zero");
            }
        }
        return new Order(origin, List.copyOf(parts));
    }

    /**
     * One line per product, in the order the parts are listed; a part listed twice is ordered once, in the sum of its
     * quantities.
     *
     * @param products
     *            the active products whose Internal Reference is one of the part numbers, by that reference
     */
    static Lines lines(List<PartNeeded> parts, Map<String, List<Product>> products) {
        Map<Long, Line> lines = new LinkedHashMap<>();
        for (PartNeeded part : parts) {
            String number = part.getPartNumber();
            List<Product> matches = products.getOrDefault(number, List.of());
            if (matches.size() != 1) {
                String described = part.getDescription() == null ? "" : " (" + part.getDescription() + ")";
                return new Refused("UNKNOWN_PART", "part number '" + number + "'" + described + " matches "
                        + (matches.isEmpty() ? "no" : matches.size())
                        + " active Odoo products by Internal Reference (default_code); the part is not ordered as a"
                        + " guessed product");
            }
            Product product = matches.get(0);
            String unit = part.getUnitOfMeasure();
            if (unit != null && !unit.equalsIgnoreCase(product.purchaseUom())) {
                return new Refused("UNSUPPORTED_UNIT", "part '" + number + "' is counted in '" + unit
                        + "' but Odoo buys product " + product.id() + " in '" + product.purchaseUom()
                        + "'; quantities are not converted");
            }
            lines.merge(product.id(), new Line(product.id(), part.getQuantity(), product.purchaseUomId()),
                    (listed, again) -> new Line(listed.productId(), listed.quantity() + again.quantity(),
                            listed.uomId()));
        }
        return new Resolved(List.copyOf(lines.values()));
    }

    /** A new RFQ to the vendor with these lines. */
    static Map<String, Object> newRfq(long vendorId, String origin, List<Line> lines) {
        List<List<Object>> commands = new ArrayList<>();
        lines.forEach(line -> commands.add(List.of(0, 0, lineValues(line))));
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("partner_id", vendorId);
        values.put("origin", origin);
        values.put("order_line", commands);
        return values;
    }

    /**
     * The one2many commands that turn the RFQ's product lines into {@code wanted}: a line whose product is still wanted
     * is updated in place (only what differs, so Odoo keeps the price a buyer entered), the others are deleted, and
     * missing products get a new line. Empty when the RFQ already has the lines.
     */
    static List<List<Object>> lineCommands(List<Line> wanted, List<ExistingLine> existing) {
        Map<Long, Line> missing = new LinkedHashMap<>();
        wanted.forEach(line -> missing.put(line.productId(), line));
        List<List<Object>> commands = new ArrayList<>();
        for (ExistingLine line : existing) {
            Line want = missing.remove(line.productId());
            if (want == null) {
                commands.add(List.of(2, line.id(), 0));
                continue;
            }
            Map<String, Object> changed = new LinkedHashMap<>();
            if (Double.compare(line.quantity(), want.quantity()) != 0) {
                changed.put("product_qty", want.quantity());
            }
            if (line.uomId() != want.uomId()) {
                changed.put("product_uom", want.uomId());
            }
            if (!changed.isEmpty()) {
                commands.add(List.of(1, line.id(), changed));
            }
        }
        missing.values().forEach(line -> commands.add(List.of(0, 0, lineValues(line))));
        return commands;
    }

    /**
     * The unit is always given: left out, Odoo 17 takes the unit of the vendor's price list, in which the quantity
     * would count something else. Description, price and expected date Odoo derives from the product and the vendor.
     */
    private static Map<String, Object> lineValues(Line line) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("product_id", line.productId());
        values.put("product_qty", line.quantity());
        values.put("product_uom", line.uomId());
        return values;
    }

    private static long many2one(Map<String, Object> row, String field) {
        return OdooValues.many2oneId(row.get(field))
                .orElseThrow(() -> new IllegalStateException(field + " of " + row.get("id") + " is not set"));
    }
}
