package io.trestle.odoo.standin.catalog;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.trestle.odoo.standin.model.CheckConstraint;
import io.trestle.odoo.standin.model.Field;
import io.trestle.odoo.standin.model.Model;
import io.trestle.odoo.standin.model.ModelBehaviour;
import io.trestle.odoo.standin.orm.Env;
import io.trestle.odoo.standin.orm.Orm;

/** Purchase orders and their lines, without taxes: a draft order (an RFQ) is what Trestle writes. */
final class PurchaseModels {

    private static final String NEW = "New";

    private PurchaseModels() {
    }

    static List<Model> all() {
        return List.of(order(), line());
    }

    private static Model order() {
        return Model.define("purchase.order", "Purchase Order").order("priority desc, id desc")
                .fields(Field.chars("name", "Order Reference").required().defaultValue(NEW),
                        Field.selection("priority", "Priority", "0", "Normal", "1", "Urgent").defaultValue("0"),
                        Field.chars("origin", "Source Document"), Field.chars("partner_ref", "Vendor Reference"),
                        Field.datetime("date_order", "Order Deadline").required()
                                .defaultValue((orm, env) -> env.nowText()),
                        Field.datetime("date_planned", "Expected Arrival"),
                        Field.many2one("partner_id", "Vendor", "res.partner").required(),
                        Field.many2one("currency_id", "Currency", "res.currency").required().defaultValue(1),
                        Field.selection("state", "Status", "draft", "RFQ", "sent", "RFQ Sent", "to approve",
                                "To Approve", "purchase", "Purchase Order", "done", "Locked", "cancel", "Cancelled")
                                .defaultValue("draft"),
                        Field.one2many("order_line", "Order Lines", "purchase.order.line", "order_id"),
                        Field.html("notes", "Terms and Conditions"),
                        Field.many2one("user_id", "Buyer", "res.users").defaultValue((orm, env) -> env.uid()),
                        Field.many2one("company_id", "Company", "res.company").required()
                                .defaultValue(Lookups.MAIN_COMPANY),
                        Field.monetary("amount_untaxed", "Untaxed Amount").computed(PurchaseModels::orderTotal),
                        Field.monetary("amount_total", "Total").computed(PurchaseModels::orderTotal))
                .behaviour(new OrderBehaviour()).build();
    }

    private static Object orderTotal(Orm orm, Env env, Map<String, Object> row) {
        double total = 0;
        for (Map<String, Object> line : orm.table("purchase.order.line").rows()) {
            if (row.get("id").equals(line.get("order_id"))) {
                total += (Double) line.get("product_qty") * (Double) line.get("price_unit");
            }
        }
        return Math.round(total * 100) / 100.0;
    }

    /** Orders created as "New" take the next reference of the purchase sequence: P00001, P00002… */
    private static final class OrderBehaviour implements ModelBehaviour {

        @Override
        public void computeStored(Orm orm, Env env, Map<String, Object> row, Set<String> given) {
            if (row.get("id") == null && NEW.equals(row.get("name"))) {
                row.put("name", String.format("P%05d", orm.nextSequenceNumber("purchase.order")));
            }
        }
    }

    private static Model line() {
        return Model.define("purchase.order.line", "Purchase Order Line").order("order_id, sequence, id")
                .fields(Field.text("name", "Description").required(),
                        Field.integer("sequence", "Sequence").defaultValue(10),
                        Field.floating("product_qty", "Quantity").required().defaultValue(1.0),
                        Field.many2one("product_uom", "Unit of Measure", "uom.uom"),
                        Field.many2one("product_id", "Product", "product.product").missingTargetRaisesMissingError(),
                        Field.floating("price_unit", "Unit Price").required().defaultValue(0.0),
                        Field.monetary("price_subtotal", "Subtotal").computed((orm, env,
                                row) -> Math.round((Double) row.get("product_qty") * (Double) row.get("price_unit")
                                        * 100) / 100.0),
                        Field.datetime("date_planned", "Expected Arrival"),
                        Field.many2one("order_id", "Order Reference", "purchase.order").required()
                                .missingTargetRaisesMissingError().onDelete(Field.OnDelete.CASCADE),
                        Field.selection("display_type", "Display Type", "line_section", "Section", "line_note",
                                "Note"),
                        Field.floating("qty_received", "Received Qty").readonly())
                .check(new CheckConstraint("purchase_order_line_accountable_required_fields",
                        row -> row.get("display_type") != null || (row.get("product_id") != null
                                && row.get("product_uom") != null && row.get("date_planned") != null),
                        "Missing required fields on accountable purchase order line."))
                .behaviour(new LineBehaviour()).build();
    }

    /** A product brings its description, purchase unit and cost; the order brings its expected date. */
    private static final class LineBehaviour implements ModelBehaviour {

        @Override
        public void computeStored(Orm orm, Env env, Map<String, Object> row, Set<String> given) {
            Map<String, Object> product = Lookups.target(orm, "product.product", row.get("product_id"));
            boolean productSet = product != null && (row.get("id") == null || given.contains("product_id"));
            if (productSet && !given.contains("name")) {
                row.put("name", orm.displayName(env, "product.product", (Integer) product.get("id")));
            }
            if (productSet && !given.contains("product_uom")) {
                row.put("product_uom", product.get("uom_po_id"));
            }
            if (productSet && !given.contains("price_unit")) {
                row.put("price_unit", product.get("standard_price") == null ? 0.0 : product.get("standard_price"));
            }
            if (row.get("date_planned") == null && row.get("display_type") == null) {
                Map<String, Object> order = Lookups.target(orm, "purchase.order", row.get("order_id"));
                Object planned = order == null ? null : order.get("date_planned");
                row.put("date_planned", planned != null ? planned : env.nowText());
            }
        }
    }
}
