package io.trestle.odoosink.service;

import static io.trestle.odoosink.TestWorkOrders.changed;
import static io.trestle.odoosink.TestWorkOrders.needing;
import static io.trestle.odoosink.TestWorkOrders.opened;
import static io.trestle.odoosink.TestWorkOrders.part;
import static io.trestle.odoosink.TestWorkOrders.purchases;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.trestle.odoo.client.OdooClient;
import io.trestle.odoo.client.OdooClientConfig;
import io.trestle.odoo.client.OdooTransientException;
import io.trestle.odoo.client.OdooValidationException;
import io.trestle.odoo.client.OdooValues;
import io.trestle.odoo.client.RetryPolicy;
import io.trestle.odoo.standin.OdooStandIn;
import io.trestle.odoo.standin.OdooStandInOptions;
import io.trestle.odoosink.domain.PendingWorkOrder;
import io.trestle.odoosink.domain.SinkResult;
import io.trestle.schema.equipment.PartNeeded;
import io.trestle.schema.equipment.WorkOrderChange;
import io.trestle.schema.equipment.WorkOrderChanged;
import io.trestle.schema.equipment.WorkOrderStatus;
import io.trestle.schema.operations.ErrorClass;

/** The writer against the Odoo stand-in, through the real protocol. */
class PurchaseOrderWriterTest {

    private static OdooStandIn odoo;
    private static OdooClient client;

    private long vendor;
    private final Map<Long, String> partNumbers = new HashMap<>();

    @BeforeAll
    static void startOdoo() {
        odoo = OdooStandIn.start(OdooStandInOptions.defaults());
        client = OdooClient.create(OdooClientConfig
                .of(odoo.url(), odoo.database(), odoo.adminLogin(), odoo.adminApiKey())
                .withRetry(RetryPolicy.none()));
    }

    @AfterAll
    static void stopOdoo() {
        client.close();
        odoo.close();
    }

    @BeforeEach
    void productsAndAVendor() {
        odoo.reset();
        vendor = odoo.seed("res.partner", Map.of("name", "Heavy Parts Supply", "is_company", true));
        product("HF-6202", "Hydraulic filter", 1);
        product("SK-320", "Boom cylinder seal kit", 1);
        product("OR-12", "O-ring 12 mm", 2);
    }

    @Test
    void anRfqToTheDefaultVendorOrdersEachPartInItsPurchaseUnitUnderTheWorkOrdersOrigin() {
        List<SinkResult> results = writer().write(batch(needing("WO-1", part("HF-6202", 2), part("OR-12", 1))));

        Map<String, Object> rfq = single(odoo.records("purchase.order"));
        assertThat(OdooValues.many2oneId(rfq.get("partner_id"))).contains(vendor);
        assertThat(rfq).containsEntry("origin", "Trestle work order WO-1").containsEntry("state", "draft");
        assertThat(linesOf(rfq)).containsExactly("HF-6202 x 2.0 Units", "OR-12 x 1.0 Dozens");
        assertThat(results).singleElement().isInstanceOfSatisfying(SinkResult.Posted.class,
                posted -> assertThat(posted.odooId()).isEqualTo(id(rfq)));
    }

    @Test
    void redeliveringABatchCreatesNoSecondRfqAndNoDuplicateLines() {
        List<PendingWorkOrder> batch = batch(needing("WO-1", part("HF-6202", 2)),
                needing("WO-2", part("SK-320", 1), part("OR-12", 3)));
        writer().write(batch);

        List<SinkResult> again = writer().write(batch);

        assertThat(again).allMatch(SinkResult.AlreadyPosted.class::isInstance).hasSize(2);
        assertThat(odoo.records("purchase.order")).hasSize(2);
        assertThat(odoo.records("purchase.order.line")).hasSize(3);
        assertThat(odoo.callCount("purchase.order", "create")).isEqualTo(1);
        assertThat(odoo.callCount("purchase.order", "write")).isZero();
    }

    @Test
    void changedPartsReplaceTheLinesOfTheDraftAndALineStillWantedKeepsItsPrice() {
        WorkOrderChanged opened = needing("WO-1", part("HF-6202", 2), part("SK-320", 1));
        writer().write(batch(opened));
        Map<String, Object> filterLine = odoo.records("purchase.order.line").get(0);
        client.write("purchase.order.line", List.of(id(filterLine)), Map.of("price_unit", 84.5));
        WorkOrderChanged onHold = changed(opened, WorkOrderChange.UPDATED, WorkOrderStatus.ON_HOLD)
                .setPartsNeeded(List.of(part("HF-6202", 3), part("OR-12", 2)))
                .build();

        List<SinkResult> results = writer().write(batch(onHold));

        Map<String, Object> rfq = single(odoo.records("purchase.order"));
        assertThat(linesOf(rfq)).containsExactly("HF-6202 x 3.0 Units", "OR-12 x 2.0 Dozens");
        assertThat(odoo.records("purchase.order.line").get(0))
                .containsEntry("id", filterLine.get("id"))
                .containsEntry("price_unit", 84.5);
        assertThat(results).singleElement().isInstanceOfSatisfying(SinkResult.Posted.class,
                posted -> assertThat(posted.odooId()).isEqualTo(id(rfq)));
    }

    @Test
    void anRfqTheBuyerConfirmedIsNeitherChangedNorCancelled() {
        WorkOrderChanged opened = needing("WO-1", part("HF-6202", 2));
        writer().write(batch(opened));
        long rfq = id(single(odoo.records("purchase.order")));
        client.write("purchase.order", List.of(rfq), Map.of("state", "purchase"));
        WorkOrderChanged moreParts = changed(opened, WorkOrderChange.UPDATED, WorkOrderStatus.IN_PROGRESS)
                .setPartsNeeded(List.of(part("HF-6202", 4), part("SK-320", 1)))
                .build();
        WorkOrderChanged cancelled = changed(moreParts, WorkOrderChange.CLOSED, WorkOrderStatus.CANCELLED).build();

        List<SinkResult> results = new ArrayList<>(writer().write(batch(moreParts)));
        results.addAll(writer().write(batch(cancelled)));

        assertThat(results).hasSize(2).allSatisfy(result -> assertThat(result)
                .isInstanceOfSatisfying(SinkResult.AlreadyPosted.class, already -> {
                    assertThat(already.odooId()).isEqualTo(rfq);
                    assertThat(already.why()).contains("is confirmed", "the buyer's order is not changed");
                }));
        Map<String, Object> after = single(odoo.records("purchase.order"));
        assertThat(after).containsEntry("state", "purchase");
        assertThat(linesOf(after)).containsExactly("HF-6202 x 2.0 Units");
        assertThat(odoo.callCount("purchase.order", "write")).as("only the test's confirmation").isEqualTo(1);
    }

    @Test
    void aCancelledWorkOrderCancelsItsDraftRfqOnceAndOneWithoutRfqOrdersNothing() {
        WorkOrderChanged opened = needing("WO-1", part("HF-6202", 2));
        writer().write(batch(opened));
        long rfq = id(single(odoo.records("purchase.order")));
        WorkOrderChanged cancelled = changed(opened, WorkOrderChange.CLOSED, WorkOrderStatus.CANCELLED).build();
        WorkOrderChanged cancelledWithoutRfq = changed(needing("WO-2", part("SK-320", 1)), WorkOrderChange.CLOSED,
                WorkOrderStatus.CANCELLED).build();

        List<SinkResult> first = writer().write(batch(cancelled, cancelledWithoutRfq));
        List<SinkResult> again = writer().write(batch(cancelled));

        assertThat(first.get(0)).isInstanceOfSatisfying(SinkResult.Posted.class,
                posted -> assertThat(posted.odooId()).isEqualTo(rfq));
        assertThat(first.get(1)).isInstanceOf(SinkResult.Skipped.class);
        assertThat(single(odoo.records("purchase.order"))).containsEntry("state", "cancel");
        assertThat(again).singleElement().isInstanceOfSatisfying(SinkResult.AlreadyPosted.class,
                already -> assertThat(already.why()).contains("is cancelled"));
    }

    @Test
    void anUnknownPartIsRejectedNamingItWhileTheOtherWorkOrdersOfTheBatchGetTheirRfqs() {
        PartNeeded unknown = part("XX-1", 1);
        unknown.setDescription("Bucket tooth");

        List<SinkResult> results = writer().write(batch(needing("WO-1", part("HF-6202", 1)),
                needing("WO-2", part("SK-320", 1), unknown), needing("WO-3", part("OR-12", 1))));

        assertThat(results.get(1)).isInstanceOfSatisfying(SinkResult.Rejected.class, rejected -> {
            assertThat(rejected.reasonCode()).isEqualTo("UNKNOWN_PART");
            assertThat(rejected.message()).contains("'XX-1' (Bucket tooth)");
        });
        assertThat(List.of(results.get(0), results.get(2))).allMatch(SinkResult.Posted.class::isInstance);
        assertThat(odoo.records("purchase.order")).extracting(rfq -> rfq.get("origin"))
                .containsExactlyInAnyOrder("Trestle work order WO-1", "Trestle work order WO-3");
        assertThat(odoo.callCount("purchase.order", "create")).isEqualTo(1);
    }

    @Test
    void withoutADefaultVendorNoRfqIsCreatedButADraftStillFollowsItsParts() {
        WorkOrderChanged opened = needing("WO-1", part("HF-6202", 2));
        writer().write(batch(opened));
        PurchaseOrderWriter withoutVendor = new PurchaseOrderWriter(client, purchases(null));
        WorkOrderChanged updated = changed(opened, WorkOrderChange.UPDATED, WorkOrderStatus.IN_PROGRESS)
                .setPartsNeeded(List.of(part("HF-6202", 5)))
                .build();

        List<SinkResult> results = withoutVendor.write(batch(needing("WO-2", part("SK-320", 1)), updated));

        assertThat(results.get(0)).isInstanceOfSatisfying(SinkResult.Rejected.class, rejected -> {
            assertThat(rejected.reasonCode()).isEqualTo("MISSING_CONFIGURATION");
            assertThat(rejected.errorClass()).isEqualTo(ErrorClass.CONFIGURATION);
            assertThat(rejected.message()).contains("TRESTLE_ODOO_SINK_PURCHASES_DEFAULT_VENDOR_ID");
        });
        assertThat(results.get(1)).isInstanceOf(SinkResult.Posted.class);
        assertThat(linesOf(single(odoo.records("purchase.order")))).containsExactly("HF-6202 x 5.0 Units");
    }

    @Test
    void changesThatListNoPartsAreSkippedWithoutAskingOdoo() {
        List<SinkResult> results = writer().write(batch(opened("WO-1", "17"), needing("WO-2")));

        assertThat(results).hasSize(2).allMatch(SinkResult.Skipped.class::isInstance);
        assertThat(odoo.callCounts()).doesNotContainKeys("purchase.order", "product.product");
    }

    @Test
    void severalChangesOfOneWorkOrderInABatchMakeOneRfqWithTheLatestParts() {
        WorkOrderChanged opened = needing("WO-1", part("HF-6202", 1));
        WorkOrderChanged updated = changed(opened, WorkOrderChange.UPDATED, WorkOrderStatus.IN_PROGRESS)
                .setPartsNeeded(List.of(part("SK-320", 2)))
                .build();
        WorkOrderChanged withoutParts = changed(updated, WorkOrderChange.UPDATED, WorkOrderStatus.ON_HOLD)
                .setPartsNeeded(null)
                .build();

        List<SinkResult> results = writer().write(batch(opened, updated, withoutParts));

        assertThat(results).extracting(result -> result.getClass().getSimpleName())
                .containsExactly("Skipped", "Posted", "Skipped");
        assertThat(linesOf(single(odoo.records("purchase.order")))).containsExactly("SK-320 x 2.0 Units");
    }

    @Test
    void anRfqOdooRefusesIsIsolatedSoTheOthersAreCreated() {
        List<Integer> createCalls = new ArrayList<>();
        OdooClient refusingOne = (OdooClient) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{OdooClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("createMany")) {
                        List<?> values = (List<?>) args[1];
                        createCalls.add(values.size());
                        if (values.stream().anyMatch(v -> ((Map<?, ?>) v).get("origin").toString().endsWith("WO-3"))) {
                            throw new OdooValidationException("odoo.exceptions.ValidationError",
                                    "The vendor is blocked", "purchase.order", "create", null);
                        }
                    }
                    try {
                        return method.invoke(client, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        List<PendingWorkOrder> batch = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            batch.addAll(batch(needing("WO-" + i, part("HF-6202", i))));
        }

        List<SinkResult> results = new PurchaseOrderWriter(refusingOne, purchases(vendor)).write(batch);

        assertThat(results.get(2)).isInstanceOfSatisfying(SinkResult.Rejected.class, rejected -> {
            assertThat(rejected.reasonCode()).isEqualTo("ODOO_REJECTED");
            assertThat(rejected.errorName()).isEqualTo("odoo.exceptions.ValidationError");
            assertThat(rejected.message()).contains("The vendor is blocked");
        });
        assertThat(results).filteredOn(SinkResult.Posted.class::isInstance).hasSize(7);
        assertThat(odoo.records("purchase.order")).hasSize(7);
        assertThat(createCalls).as("8 RFQs with one refused: halved, not one call each").containsExactly(8, 4, 2, 2, 1,
                1, 4);
    }

    @Test
    void odooBeingUnavailableIsNotTheChangesFaultAndPropagates() {
        odoo.faults().serializationFailures(1, "purchase.order", "search_read");

        assertThatThrownBy(() -> writer().write(batch(needing("WO-1", part("HF-6202", 1)))))
                .isInstanceOf(OdooTransientException.class);
        assertThat(odoo.records("purchase.order")).isEmpty();
    }

    private PurchaseOrderWriter writer() {
        return new PurchaseOrderWriter(client, purchases(vendor));
    }

    private void product(String partNumber, String name, int purchaseUom) {
        int id = odoo.seed("product.product",
                Map.of("name", name, "default_code", partNumber, "uom_id", purchaseUom, "uom_po_id", purchaseUom));
        partNumbers.put((long) id, partNumber);
    }

    /** The RFQ's lines as "part number x quantity unit", in Odoo's order. */
    private List<String> linesOf(Map<String, Object> rfq) {
        return odoo.records("purchase.order.line").stream()
                .filter(line -> OdooValues.many2oneId(line.get("order_id")).orElseThrow() == id(rfq))
                .map(line -> partNumbers.get(OdooValues.many2oneId(line.get("product_id")).orElseThrow()) + " x "
                        + line.get("product_qty") + " "
                        + OdooValues.many2oneName(line.get("product_uom")).orElseThrow())
                .toList();
    }

    private static List<PendingWorkOrder> batch(WorkOrderChanged... changes) {
        List<PendingWorkOrder> batch = new ArrayList<>();
        for (WorkOrderChanged change : changes) {
            batch.add(new PendingWorkOrder(change, "trestle.equipment.work-order.v1", 0, batch.size(),
                    change.getAssetId(), new byte[0]));
        }
        return batch;
    }

    private static Map<String, Object> single(List<Map<String, Object>> records) {
        assertThat(records).hasSize(1);
        return records.get(0);
    }

    private static long id(Map<String, Object> record) {
        return ((Number) record.get("id")).longValue();
    }
}
