package io.trestle.bench.kafka;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

import io.trestle.bench.fleet.Asset;
import io.trestle.kafka.AvroKafka;
import io.trestle.kafka.KafkaConnection;
import io.trestle.kafka.RegistryConnection;
import io.trestle.schema.common.EventMetadata;
import io.trestle.schema.master.EquipmentAssetSnapshot;
import io.trestle.schema.master.HourlyRate;
import io.trestle.schema.topic.TrestleTopic;

/**
 * The fleet's equipment master data with its hourly rates, published as the odoo-connector publishes Odoo's
 * ({@code trestle.master.equipment-asset.v1}, compacted, keyed by asset id), so the aggregator prices usage from its
 * global rates table as it does in production rather than from a configured default.
 */
public final class EquipmentMasterData {

    private static final String CURRENCY = "EUR";
    private static final Instant RATES_FROM = Instant.parse("2020-01-01T00:00:00Z");

    private EquipmentMasterData() {
    }

    public static void publish(String bootstrap, String registryUrl, List<Asset> assets, Instant now)
            throws InterruptedException, ExecutionException, TimeoutException {
        try (KafkaProducer<String, SpecificRecord> producer = AvroKafka.producer(KafkaConnection.plaintext(bootstrap),
                RegistryConnection.anonymous(registryUrl))) {
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            for (Asset asset : assets) {
                sends.add(producer.send(new ProducerRecord<>(TrestleTopic.MASTER_EQUIPMENT_ASSET.topicName(),
                        asset.assetId(), snapshot(asset, now))));
            }
            for (Future<RecordMetadata> send : sends) {
                send.get(60, TimeUnit.SECONDS);
            }
        }
    }

    static EquipmentAssetSnapshot snapshot(Asset asset, Instant now) {
        List<HourlyRate> rates = new ArrayList<>();
        if (asset.rateChange().isPresent()) {
            Asset.RateChange change = asset.rateChange().get();
            rates.add(new HourlyRate(RATES_FROM, change.from(), scaled(asset.hourlyRate()), CURRENCY));
            rates.add(new HourlyRate(change.from(), null, scaled(change.newRate()), CURRENCY));
        } else {
            rates.add(new HourlyRate(RATES_FROM, null, scaled(asset.hourlyRate()), CURRENCY));
        }
        return EquipmentAssetSnapshot.newBuilder()
                .setMetadata(EventMetadata.newBuilder()
                        .setEventId(UUID.nameUUIDFromBytes(("bench-asset-" + asset.assetId())
                                .getBytes(StandardCharsets.UTF_8)))
                        .setSourceSystem("odoo")
                        .setSourceRecordId(asset.assetId())
                        .setOccurredAt(now)
                        .setIngestedAt(now)
                        .build())
                .setAssetId(asset.assetId())
                .setName(asset.name())
                .setCategory(asset.type().label())
                .setHourlyRates(rates)
                .build();
    }

    private static BigDecimal scaled(BigDecimal rate) {
        return rate.setScale(4, RoundingMode.UNNECESSARY);
    }
}
