package io.trestle.odoosink.service;

import static io.trestle.odoosink.TestWorkOrders.changed;
import static io.trestle.odoosink.TestWorkOrders.needing;
import static io.trestle.odoosink.TestWorkOrders.opened;
import static io.trestle.odoosink.TestWorkOrders.part;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.trestle.odoosink.service.PurchaseOrders.ExistingLine;
import io.trestle.odoosink.service.PurchaseOrders.Line;
import io.trestle.odoosink.service.PurchaseOrders.Order;
import io.trestle.odoosink.service.PurchaseOrders.Product;
import io.trestle.odoosink.service.PurchaseOrders.Refused;
import io.trestle.odoosink.service.PurchaseOrders.Resolved;
import io.trestle.schema.equipment.PartNeeded;
import io.trestle.schema.equipment.WorkOrderChange;
import io.trestle.schema.equipment.WorkOrderChanged;
import io.trestle.schema.equipment.WorkOrderStatus;

class PurchaseOrdersTest {

    private static final Product FILTER = new Product(41, "HF-6202", 1, "Units");
    private static final Product O_RING = new Product(42, "OR-12", 2, "Dozens");

    @Test
    void aWorkOrderThatListsPartsOrdersThemOnTheRfqItsOriginNames() {
        WorkOrderChanged workOrder = needing("fleet:WO-7", part("HF-6202", 2));

        assertThat(PurchaseOrders.request(workOrder)).isInstanceOfSatisfying(Order.class, order -> {
            assertThat(order.origin()).isEqualTo("Trestle work order fleet:WO-7");
            assertThat(order.parts()).extracting(PartNeeded::getPartNumber).containsExactly("HF-6202");
        });
    }

    @Test
    void aWorkOrderWithoutPartsAsksNothingAndACancelledOneWithdrawsItsRfqWithOrWithoutParts() {
        WorkOrderChanged none = opened("WO-1", "17");
        WorkOrderChanged empty = needing("WO-2");
        WorkOrderChanged cancelled = changed(needing("WO-3", part("HF-6202", 1)), WorkOrderChange.CLOSED,
                WorkOrderStatus.CANCELLED).build();

        assertThat(PurchaseOrders.request(none)).isInstanceOf(PurchaseOrders.Nothing.class);
        assertThat(PurchaseOrders.request(empty)).isInstanceOf(PurchaseOrders.Nothing.class);
        assertThat(PurchaseOrders.request(cancelled))
                .isEqualTo(new PurchaseOrders.Withdraw("Trestle work order WO-3"));
    }

    @Test
    void partsWithoutANumberOrWithAQuantityThatIsNotAboveZeroNeverReachOdoo() {
        assertThat(PurchaseOrders.request(needing("WO-1", part(" ", 1))))
                .isInstanceOfSatisfying(Refused.class,
                        refused -> assertThat(refused.reasonCode()).isEqualTo("SCHEMA_VIOLATION"));
        assertThat(PurchaseOrders.request(needing("WO-2", part("HF-6202", 1), part("OR-12", -2))))
                .isInstanceOfSatisfying(Refused.class, refused -> {
                    assertThat(refused.reasonCode()).isEqualTo("NEGATIVE_VALUE");
                    assertThat(refused.message()).contains("'OR-12'");
                });
        assertThat(PurchaseOrders.request(needing("WO-3", part("HF-6202", 0))))
                .isInstanceOfSatisfying(Refused.class,
                        refused -> assertThat(refused.reasonCode()).isEqualTo("VALUE_OUT_OF_RANGE"));
        assertThat(PurchaseOrders.request(needing("WO-4", part("HF-6202", Double.NaN))))
                .isInstanceOfSatisfying(Refused.class,
                        refused -> assertThat(refused.reasonCode()).isEqualTo("VALUE_OUT_OF_RANGE"));
    }

    @Test
    void eachPartBecomesALineOfItsProductInItsPurchaseUnitAndAPartListedTwiceIsOrderedOnce() {
        PartNeeded rings = part("OR-12", 2);
        rings.setUnitOfMeasure("dozens");

        PurchaseOrders.Lines lines = PurchaseOrders.lines(List.of(part("HF-6202", 2), rings, part("HF-6202", 1)),
                products(FILTER, O_RING));

        assertThat(lines).isEqualTo(new Resolved(List.of(new Line(41, 3, 1), new Line(42, 2, 2))));
    }

    @Test
    void aPartNumberNoProductOrSeveralProductsCarryIsNotOrderedAsAGuess() {
        PartNeeded unknown = part("XX-1", 1);
        unknown.setDescription("Bucket tooth");
        Product twin = new Product(43, "HF-6202", 1, "Units");

        assertThat(PurchaseOrders.lines(List.of(part("HF-6202", 1), unknown), products(FILTER)))
                .isInstanceOfSatisfying(Refused.class, refused -> {
                    assertThat(refused.reasonCode()).isEqualTo("UNKNOWN_PART");
                    assertThat(refused.message()).startsWith("part number 'XX-1' (Bucket tooth) matches no active");
                });
        assertThat(PurchaseOrders.lines(List.of(part("HF-6202", 1)), products(FILTER, twin)))
                .isInstanceOfSatisfying(Refused.class, refused -> {
                    assertThat(refused.reasonCode()).isEqualTo("UNKNOWN_PART");
                    assertThat(refused.message()).contains("matches 2 active Odoo products");
                });
    }

    @Test
    void aQuantityInAnotherUnitThanTheProductsPurchaseUnitIsNotConverted() {
        PartNeeded rings = part("OR-12", 24);
        rings.setUnitOfMeasure("Units");

        assertThat(PurchaseOrders.lines(List.of(rings), products(O_RING)))
                .isInstanceOfSatisfying(Refused.class, refused -> {
                    assertThat(refused.reasonCode()).isEqualTo("UNSUPPORTED_UNIT");
                    assertThat(refused.message()).contains("'Units'", "'Dozens'");
                });
    }

    @Test
    void aNewRfqGoesToTheVendorWithOneCreateCommandPerLine() {
        assertThat(PurchaseOrders.newRfq(7, "Trestle work order WO-1", List.of(new Line(41, 2, 1))))
                .containsExactly(Map.entry("partner_id", 7L), Map.entry("origin", "Trestle work order WO-1"),
                        Map.entry("order_line", List.of(List.of(0, 0,
                                Map.of("product_id", 41L, "product_qty", 2.0, "product_uom", 1L)))));
    }

    @Test
    void linesOfWantedProductsAreUpdatedInPlaceOthersDeletedAndMissingOnesAdded() {
        List<ExistingLine> existing = List.of(new ExistingLine(501, 9, 41, 2, 1), new ExistingLine(502, 9, 44, 1, 1),
                new ExistingLine(503, 9, 42, 1, 2));

        List<List<Object>> commands = PurchaseOrders.lineCommands(
                List.of(new Line(42, 1, 2), new Line(41, 5, 1), new Line(45, 3, 1)), existing);

        assertThat(commands).containsExactly(List.of(1, 501L, Map.of("product_qty", 5.0)), List.of(2, 502L, 0),
                List.of(0, 0, Map.of("product_id", 45L, "product_qty", 3.0, "product_uom", 1L)));
    }

    @Test
    void anRfqThatAlreadyHasTheWantedLinesNeedsNoCommand() {
        List<ExistingLine> existing = List.of(new ExistingLine(501, 9, 41, 2, 1), new ExistingLine(503, 9, 42, 1, 2));

        assertThat(PurchaseOrders.lineCommands(List.of(new Line(42, 1, 2), new Line(41, 2, 1)), existing)).isEmpty();
    }

    private static Map<String, List<Product>> products(Product... products) {
        Map<String, List<Product>> byNumber = new LinkedHashMap<>();
        for (Product product : products) {
            byNumber.computeIfAbsent(product.partNumber(), number -> new ArrayList<>()).add(product);
        }
        return byNumber;
    }
}
