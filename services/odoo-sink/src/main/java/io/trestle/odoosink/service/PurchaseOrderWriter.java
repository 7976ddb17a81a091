package io.trestle.odoosink.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.trestle.odoo.client.OdooClient;
import io.trestle.odoo.client.OdooException;
import io.trestle.odoo.client.OdooMissingRecordException;
import io.trestle.odoo.client.OdooValidationException;
import io.trestle.odoo.client.SearchOptions;
import io.trestle.odoosink.config.SinkConfig;
import io.trestle.odoosink.domain.PendingWorkOrder;
import io.trestle.odoosink.domain.SinkResult;
import io.trestle.odoosink.service.PurchaseOrders.ExistingLine;
import io.trestle.odoosink.service.PurchaseOrders.Product;
import io.trestle.odoosink.service.PurchaseOrders.Rfq;
import io.trestle.schema.equipment.PartNeeded;
import io.trestle.schema.operations.ErrorClass;

/**
 * Keeps one draft purchase order (RFQ) per work order in Odoo for the parts the work needs, in few calls per batch: one
 * {@code search_read} for the batch's RFQs, one for the lines of those that are drafts, one for the products of the
 * part numbers, one {@code create} for all new RFQs, one {@code write} per draft whose lines change and one for all
 * drafts to cancel. An RFQ Odoo refuses is isolated by halving its call, so its neighbours get written.
 *
 * <p>
 * Why the same change twice orders nothing twice: the RFQ is looked up by its origin before every write, a draft that
 * already has the wanted lines is not written, and lines are updated in place rather than added.
 */
@ApplicationScoped
public class PurchaseOrderWriter {

    private final OdooClient odoo;
    private final SinkConfig.Purchases purchases;

    @Inject
    public PurchaseOrderWriter(OdooClient odoo, SinkConfig config) {
        this(odoo, config.purchases());
    }

    PurchaseOrderWriter(OdooClient odoo, SinkConfig.Purchases purchases) {
        this.odoo = odoo;
        this.purchases = purchases;
    }

    /**
     * One result per change of the batch, in the batch's order; throws the {@link OdooException}s that are not about
     * the data.
     */
    public List<SinkResult> write(List<PendingWorkOrder> batch) {
        SinkResult[] results = new SinkResult[batch.size()];
        // Writing each work order once, with its last change that asks something of purchasing, ends where writing
        // every change in turn would, without a second RFQ for a work order opened and updated in the same batch.
        Map<String, Asked> latest = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            PendingWorkOrder pending = batch.get(i);
            PurchaseOrders.Request request = PurchaseOrders.request(pending.workOrder());
            if (request instanceof PurchaseOrders.Nothing nothing) {
                results[i] = new SinkResult.Skipped(pending, PurchaseOrders.MODEL, nothing.why());
            } else if (request instanceof PurchaseOrders.Refused refused) {
                results[i] = rejected(pending, refused);
            } else if (request instanceof PurchaseOrders.ForRfq forRfq) {
                Asked earlier = latest.put(forRfq.origin(), new Asked(i, pending, forRfq));
                if (earlier != null) {
                    results[earlier.index()] = new SinkResult.Skipped(earlier.pending(), PurchaseOrders.MODEL,
                            "a later change of work order " + pending.workOrder().getWorkOrderId()
                                    + " in the same batch is written instead");
                }
            }
        }
        if (!latest.isEmpty()) {
            write(latest.values(), results);
        }
        return List.of(results);
    }

    private void write(Iterable<Asked> asked, SinkResult[] results) {
        Map<String, Rfq> rfqs = rfqsByOrigin(asked);
        List<Asked> toOrder = new ArrayList<>();
        List<Write> cancels = new ArrayList<>();
        for (Asked one : asked) {
            Rfq rfq = rfqs.get(one.request().origin());
            if (rfq != null && !rfq.isDraft()) {
                results[one.index()] = new SinkResult.AlreadyPosted(one.pending(), PurchaseOrders.MODEL, rfq.id(),
                        rfq.notChanged());
            } else if (one.request() instanceof PurchaseOrders.Order) {
                toOrder.add(one);
            } else if (rfq == null) {
                results[one.index()] = new SinkResult.Skipped(one.pending(), PurchaseOrders.MODEL,
                        "the work order was cancelled before any of its parts were ordered");
            } else {
                cancels.add(new Write(one, rfq.id(), PurchaseOrders.CANCEL));
            }
        }
        List<Write> creates = new ArrayList<>();
        List<Write> updates = new ArrayList<>();
        Optional<Long> vendor = purchases.defaultVendorId();
        if (!toOrder.isEmpty()) {
            Map<String, List<Product>> products = productsByPartNumber(toOrder);
            Map<Long, List<ExistingLine>> lines = linesByRfq(toOrder, rfqs);
            for (Asked one : toOrder) {
                PurchaseOrders.Order order = (PurchaseOrders.Order) one.request();
                Rfq rfq = rfqs.get(order.origin());
                PurchaseOrders.Lines wanted = PurchaseOrders.lines(order.parts(), products);
                if (wanted instanceof PurchaseOrders.Refused refused) {
                    results[one.index()] = rejected(one.pending(), refused);
                    continue;
                }
                List<PurchaseOrders.Line> resolved = ((PurchaseOrders.Resolved) wanted).lines();
                if (rfq == null) {
                    if (vendor.isPresent()) {
                        creates.add(new Write(one, 0, PurchaseOrders.newRfq(vendor.get(), order.origin(), resolved)));
                    } else {
                        results[one.index()] = new SinkResult.Rejected(one.pending(), PurchaseOrders.MODEL,
                                "MISSING_CONFIGURATION", ErrorClass.CONFIGURATION, null,
                                "no vendor is configured for new RFQs (trestle.odoo-sink.purchases.default-vendor-id,"
                                        + " env TRESTLE_ODOO_SINK_PURCHASES_DEFAULT_VENDOR_ID); the parts are not"
                                        + " ordered from a guessed vendor");
                    }
                    continue;
                }
                List<List<Object>> commands = PurchaseOrders.lineCommands(resolved,
                        lines.getOrDefault(rfq.id(), List.of()));
                if (commands.isEmpty()) {
                    results[one.index()] = new SinkResult.AlreadyPosted(one.pending(), PurchaseOrders.MODEL,
                            rfq.id(), "draft RFQ " + rfq.name() + " already lists these parts");
                } else {
                    updates.add(new Write(one, rfq.id(), Map.of("order_line", commands)));
                }
            }
        }
        isolating(creates, batch -> odoo.createMany(PurchaseOrders.MODEL, batch.stream().map(Write::values).toList()),
                results);
        // A buyer confirming a draft between the read above and these writes goes unseen, as Odoo has no conditional
        // write; the window is a few calls long.
        for (Write update : updates) {
            isolating(List.of(update), alone -> {
                odoo.write(PurchaseOrders.MODEL, List.of(update.rfqId()), update.values());
                return List.of(update.rfqId());
            }, results);
        }
        // The state is written rather than button_cancel called: a write takes record ids over JSON-RPC and JSON-2
        // alike (the client maps positional ids to JSON-2 only for the ORM methods), and on a draft the sink created
        // button_cancel does nothing more, as its other steps concern vendor bills, receipts and procurement moves.
        isolating(cancels, batch -> {
            List<Long> ids = batch.stream().map(Write::rfqId).toList();
            odoo.write(PurchaseOrders.MODEL, ids, PurchaseOrders.CANCEL);
            return ids;
        }, results);
    }

    /**
     * The RFQ of each work order, by origin: a draft if there is one (the oldest), else the newest, whose state tells
     * what became of the order.
     */
    private Map<String, Rfq> rfqsByOrigin(Iterable<Asked> asked) {
        List<String> origins = new ArrayList<>();
        asked.forEach(one -> origins.add(one.request().origin()));
        Map<String, Rfq> rfqs = new LinkedHashMap<>();
        for (Map<String, Object> row : odoo.searchRead(PurchaseOrders.MODEL,
                List.of(List.of("origin", "in", origins)), PurchaseOrders.ORDER_FIELDS,
                new SearchOptions(null, null, "id"))) {
            Rfq rfq = Rfq.of(row);
            rfqs.merge(rfq.origin(), rfq, (kept, later) -> kept.isDraft() ? kept : later);
        }
        return rfqs;
    }

    private Map<String, List<Product>> productsByPartNumber(List<Asked> toOrder) {
        Set<String> partNumbers = new LinkedHashSet<>();
        for (Asked one : toOrder) {
            ((PurchaseOrders.Order) one.request()).parts().stream().map(PartNeeded::getPartNumber)
                    .forEach(partNumbers::add);
        }
        Map<String, List<Product>> products = new LinkedHashMap<>();
        for (Map<String, Object> row : odoo.searchRead(PurchaseOrders.PRODUCT_MODEL,
                List.of(List.of("default_code", "in", List.copyOf(partNumbers))), PurchaseOrders.PRODUCT_FIELDS,
                SearchOptions.none())) {
            Product product = Product.of(row);
            products.computeIfAbsent(product.partNumber(), number -> new ArrayList<>()).add(product);
        }
        return products;
    }

    /** The product lines of the drafts the batch orders on; no call when it orders on none. */
    private Map<Long, List<ExistingLine>> linesByRfq(List<Asked> toOrder, Map<String, Rfq> rfqs) {
        List<Long> drafts = toOrder.stream().map(one -> rfqs.get(one.request().origin())).filter(Objects::nonNull)
                .map(Rfq::id).toList();
        Map<Long, List<ExistingLine>> lines = new LinkedHashMap<>();
        if (drafts.isEmpty()) {
            return lines;
        }
        for (Map<String, Object> row : odoo.searchRead(PurchaseOrders.LINE_MODEL,
                List.of(List.of("order_id", "in", drafts)), PurchaseOrders.LINE_FIELDS, SearchOptions.none())) {
            ExistingLine line = ExistingLine.of(row);
            if (line != null) {
                lines.computeIfAbsent(line.orderId(), order -> new ArrayList<>()).add(line);
            }
        }
        return lines;
    }

    /**
     * Makes one call for all writes; when Odoo refuses it for its content, halves the writes until the refused one
     * stands alone, as Odoo rolls back the whole call.
     *
     * @param call
     *            returns the id of the RFQ of each write, in order
     */
    private void isolating(List<Write> writes, Function<List<Write>, List<Long>> call, SinkResult[] results) {
        if (writes.isEmpty()) {
            return;
        }
        List<Long> ids;
        try {
            ids = call.apply(writes);
        } catch (OdooValidationException | OdooMissingRecordException refused) {
            if (writes.size() == 1) {
                PendingWorkOrder pending = writes.get(0).asked().pending();
                results[writes.get(0).asked().index()] = new SinkResult.Rejected(pending, PurchaseOrders.MODEL,
                        "ODOO_REJECTED", ErrorClass.BUSINESS, refused.odooErrorName(), refused.getMessage());
                return;
            }
            int middle = writes.size() / 2;
            isolating(writes.subList(0, middle), call, results);
            isolating(writes.subList(middle, writes.size()), call, results);
            return;
        }
        for (int i = 0; i < writes.size(); i++) {
            Asked asked = writes.get(i).asked();
            results[asked.index()] = new SinkResult.Posted(asked.pending(), PurchaseOrders.MODEL, ids.get(i), null);
        }
    }

    private static SinkResult.Rejected rejected(PendingWorkOrder pending, PurchaseOrders.Refused refused) {
        return new SinkResult.Rejected(pending, PurchaseOrders.MODEL, refused.reasonCode(), ErrorClass.BUSINESS, null,
                refused.message());
    }

    /** A change that asks something of purchasing, at its place in the batch. */
    private record Asked(int index, PendingWorkOrder pending, PurchaseOrders.ForRfq request) {
    }

    /** What to write for one change; {@code rfqId} is 0 for an RFQ still to create. */
    private record Write(Asked asked, long rfqId, Map<String, Object> values) {
    }
}
