package io.trestle.odooconnector.source.cdc;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.KafkaOffsetBackingStore;
import org.apache.kafka.connect.util.SharedTopicAdmin;

import io.debezium.embedded.KafkaConnectUtil;

/**
 * Kafka Connect's offset store on a compacted topic, which also closes the admin client it creates the topic with.
 * Debezium's engine builds the plain store with an admin client that nothing closes, so every start of a source would
 * leave a client and its thread behind. Debezium instantiates this class by name ({@code offset.storage}), hence public
 * with a no-argument constructor.
 */
public final class PositionsStore extends KafkaOffsetBackingStore {

    private static final String CLIENT_ID = "trestle-odoo-connector-positions";

    private final AtomicReference<SharedTopicAdmin> admin;

    public PositionsStore() {
        this(new AtomicReference<>());
    }

    private PositionsStore(AtomicReference<SharedTopicAdmin> admin) {
        super(() -> admin.get().get(), () -> CLIENT_ID, KafkaConnectUtil.converterForOffsetStore());
        this.admin = admin;
    }

    @Override
    public void configure(WorkerConfig config) {
        // The same client settings as the store's producer and consumer, as Kafka Connect's worker does it.
        Map<String, Object> adminSettings = new HashMap<>(config.originals());
        adminSettings.put(CommonClientConfigs.CLIENT_ID_CONFIG, CLIENT_ID + "-admin");
        admin.set(new SharedTopicAdmin(adminSettings));
        super.configure(config);
    }

    @Override
    public void stop() {
        try {
            super.stop();
        } finally {
            SharedTopicAdmin created = admin.getAndSet(null);
            if (created != null) {
                created.close();
            }
        }
    }
}
