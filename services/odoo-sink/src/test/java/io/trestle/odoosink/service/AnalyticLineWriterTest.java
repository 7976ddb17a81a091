package io.trestle.odoosink.service;

import static io.trestle.odoosink.TestPostings.costs;
import static io.trestle.odoosink.TestPostings.posting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.trestle.odoo.client.LoadMessage;
import io.trestle.odoo.client.LoadResult;
import io.trestle.odoo.client.OdooClient;
import io.trestle.odoo.client.OdooTransientException;
import io.trestle.odoo.client.OdooValidationException;
import io.trestle.odoosink.domain.PendingPosting;
import io.trestle.odoosink.domain.SinkResult;

/**
 * The writer's isolation of bad rows, against a scripted Odoo that behaves like the recorded one: a whole-call error
 * rolls everything back, a load answer names the bad rows. The protocol itself is covered against the stand-in.
 */
class AnalyticLineWriterTest {

    private final List<List<String>> loadedExternalIds = new ArrayList<>();
    private final AtomicLong nextId = new AtomicLong(1000);

    @Test
    void aCleanBatchIsOneLoadCall() {
        AnalyticLineWriter writer = writer(this::acceptAll);

        List<SinkResult> outcomes = writer.write(batch("a", "b", "c"));

        assertThat(outcomes).allMatch(SinkResult.Posted.class::isInstance).hasSize(3);
        assertThat(loadedExternalIds).hasSize(1);
    }

    @Test
    void rowsNamedInLoadMessagesAreSetAsideAndTheRestLoadedAgain() {
        AnalyticLineWriter writer = writer(rows -> {
            int bad = indexOf(rows, "trestle.cost_posting_bad");
            return bad < 0
                    ? acceptAll(rows)
                    : new LoadResult(List.of(),
                            List.of(new LoadMessage("error", "'x' is not a number", bad, "amount")));
        });

        List<SinkResult> outcomes = writer.write(batch("a", "bad", "c"));

        assertThat(outcomes).filteredOn(SinkResult.Rejected.class::isInstance)
                .singleElement()
                .satisfies(rejected -> {
                    assertThat(((PendingPosting) rejected.input()).posting().getPostingId()).isEqualTo("bad");
                    assertThat(((SinkResult.Rejected) rejected).message()).isEqualTo("amount: 'x' is not a number");
                });
        assertThat(outcomes).filteredOn(SinkResult.Posted.class::isInstance).hasSize(2);
        assertThat(loadedExternalIds.get(1)).containsExactly("trestle.cost_posting_a", "trestle.cost_posting_c");
    }

    @Test
    void aWholeCallErrorIsBisectedUntilThePoisonRowStandsAlone() {
        AnalyticLineWriter writer = writer(rows -> {
            if (indexOf(rows, "trestle.cost_posting_poison") >= 0) {
                throw new OdooValidationException("odoo.exceptions.ValidationError", "a required field is missing",
                        "account.analytic.line", "load", null);
            }
            return acceptAll(rows);
        });

        List<SinkResult> outcomes = writer.write(batch("a", "b", "c", "poison", "e", "f", "g", "h"));

        assertThat(outcomes).filteredOn(SinkResult.Rejected.class::isInstance)
                .extracting(outcome -> ((PendingPosting) outcome.input()).posting().getPostingId())
                .containsExactly("poison");
        assertThat(outcomes).filteredOn(SinkResult.Posted.class::isInstance).hasSize(7);
        assertThat(loadedExternalIds.size()).as("calls for 8 rows with one bad: log2 splits, not one per row")
                .isLessThanOrEqualTo(7);
    }

    @Test
    void postingsThatMustNotReachOdooAreRefusedWithoutACall() {
        AnalyticLineWriter writer = writer(this::acceptAll);

        List<SinkResult> outcomes = writer.write(List.of(pending(posting("x", "not-an-id", "EX-1", "1.00"))));

        assertThat(outcomes).singleElement().isInstanceOf(SinkResult.Rejected.class);
        assertThat(loadedExternalIds).isEmpty();
    }

    @Test
    void odooBeingUnavailableIsNotTheRowsFaultAndPropagates() {
        AnalyticLineWriter writer = writer(rows -> {
            throw new OdooTransientException(null, "Connection refused", "account.analytic.line", "load", null,
                    false, null);
        });

        assertThatThrownBy(() -> writer.write(batch("a", "b"))).isInstanceOf(OdooTransientException.class);
    }

    private AnalyticLineWriter writer(Function<List<List<String>>, LoadResult> odooLoad) {
        OdooClient odoo = (OdooClient) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[]{OdooClient.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("load")) {
                        throw new AssertionError("the writer must only call load, called " + method.getName());
                    }
                    @SuppressWarnings("unchecked")
                    List<List<String>> rows = (List<List<String>>) args[2];
                    loadedExternalIds.add(rows.stream().map(row -> row.get(0)).toList());
                    return odooLoad.apply(rows);
                });
        return new AnalyticLineWriter(odoo, costs(7L));
    }

    private LoadResult acceptAll(List<List<String>> rows) {
        return new LoadResult(rows.stream().map(row -> nextId.incrementAndGet()).toList(), List.of());
    }

    private static int indexOf(List<List<String>> rows, String externalId) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).get(0).equals(externalId)) {
                return i;
            }
        }
        return -1;
    }

    private static List<PendingPosting> batch(String... postingIds) {
        List<PendingPosting> batch = new ArrayList<>();
        for (String id : postingIds) {
            batch.add(pending(posting(id, "42", "EX-1", "10.00")));
        }
        return batch;
    }

    private static PendingPosting pending(io.trestle.schema.cost.CostPosting posting) {
        return new PendingPosting(posting, "trestle.cost.posting.v1", 0, 0, posting.getAssetId(), new byte[0]);
    }
}
