package io.trestle.odoosink.service;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.List;

import io.trestle.odoosink.config.SinkConfig;
import io.trestle.schema.cost.CostPosting;

/**
 * Maps a cost posting to the {@code account.analytic.line} row the sink loads into Odoo.
 *
 * <p>
 * Each line gets an external id derived from the posting id, and is written with {@code load}, which Odoo treats as an
 * upsert by external id: a posting delivered twice updates its line instead of creating a second one. A correction for
 * late data carries the window's corrected totals and names the posting it corrects, so it takes over the original's
 * external id and replaces the original's values — the line is corrected, never doubled.
 */
public final class AnalyticLines {

    public static final String MODEL = "account.analytic.line";
    /** Column order of {@link Row#values()}; {@code account_id/.id} takes the database id of the analytic account. */
    public static final List<String> FIELDS = List.of("id", "name", "date", "amount", "unit_amount", "ref",
            "account_id/.id");

    private AnalyticLines() {
    }

    /** A load row and the external id it upserts. */
    public record Row(String externalId, List<String> values) {
    }

    /** Either a row to load, or why the posting must not reach Odoo. */
    public sealed interface Mapping {
    }

    public record Mapped(Row row) implements Mapping {
    }

    public record Refused(String reasonCode, String message) implements Mapping {
    }

    public static String externalId(SinkConfig.Costs costs, CostPosting posting) {
        String identity = posting.getCorrectionOf() != null ? posting.getCorrectionOf() : posting.getPostingId();
        return costs.externalIdModule() + ".cost_posting_" + identity.replace('-', '_');
    }

    public static Mapping map(SinkConfig.Costs costs, CostPosting posting) {
        if (posting.getAmount().signum() < 0) {
            return new Refused("NEGATIVE_VALUE", "amount " + posting.getAmount() + " is negative; a cost posting "
                    + "carries the cost as a positive amount and the sink books it as a negative analytic amount");
        }
        Long accountId;
        if (costs.unallocatedCostCode().equals(posting.getCostCodeId())) {
            accountId = costs.unallocatedAccountId().orElse(null);
            if (accountId == null) {
                return new Refused("UNKNOWN_CANONICAL_ID", "usage is unallocated and no analytic account is "
                        + "configured for it (trestle.odoo-sink.costs.unallocated-account-id)");
            }
        } else {
            try {
                accountId = Long.valueOf(posting.getCostCodeId());
            } catch (NumberFormatException e) {
                return new Refused("UNKNOWN_CANONICAL_ID", "cost code '" + posting.getCostCodeId()
                        + "' is not an Odoo analytic account id");
            }
        }
        BigDecimal cost = posting.getAmount().negate();
        List<String> values = List.of(externalId(costs, posting), name(posting),
                posting.getWindowStart().atZone(ZoneOffset.UTC).toLocalDate().toString(), cost.toPlainString(),
                BigDecimal.valueOf(posting.getOperatingHours()).toPlainString(), posting.getPostingId(),
                accountId.toString());
        return new Mapped(new Row(values.get(0), values));
    }

    /** What an accountant sees in Odoo: which machine, when, how many hours at which rate. */
    static String name(CostPosting posting) {
        return "%s %s–%s UTC: %s h × %s %s".formatted(posting.getAssetId(), posting.getWindowStart(),
                posting.getWindowEnd(), BigDecimal.valueOf(posting.getOperatingHours()).toPlainString(),
                posting.getHourlyRate().stripTrailingZeros().toPlainString(), posting.getCurrency());
    }
}
