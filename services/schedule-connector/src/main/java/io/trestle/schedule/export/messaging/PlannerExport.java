package io.trestle.schedule.export.messaging;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.trestle.kafka.KafkaConnection;
import io.trestle.kafka.RegistryConnection;
import io.trestle.schedule.export.config.PlannerExportConfig;
import io.trestle.schedule.export.delivery.DeliveryTarget;
import io.trestle.schedule.export.delivery.OutboxTarget;
import io.trestle.schedule.export.delivery.PlannerEndpointTarget;
import io.trestle.schedule.export.health.ExportMetrics;
import io.trestle.schedule.export.health.ExportStatus;
import io.trestle.schedule.export.service.ProjectExporter;

/**
 * Runs the project-structure export for the life of the application, when enabled. A configuration that cannot work (no
 * target, no broker or registry, an unusable URL or folder) fails the start-up, naming what is missing.
 */
@ApplicationScoped
public class PlannerExport {

    private static final Logger LOG = Logger.getLogger(PlannerExport.class);

    private final PlannerExportConfig config;
    private final ExportStatus status;
    private final ExportMetrics metrics;
    private final KafkaConnection kafka;
    private final RegistryConnection registry;
    private PlannerExportLoop loop;

    @Inject
    public PlannerExport(PlannerExportConfig config, ExportStatus status, ExportMetrics metrics,
            KafkaConnection kafka, RegistryConnection registry) {
        this.config = config;
        this.status = status;
        this.metrics = metrics;
        this.kafka = kafka;
        this.registry = registry;
    }

    void start(@Observes StartupEvent event) {
        if (!config.enabled()) {
            LOG.debug("Planner export disabled (trestle.schedule-connector.export.enabled)");
            return;
        }
        List<DeliveryTarget> targets = targets(config);
        loop = new PlannerExportLoop(new ExportKafka(kafka, registry), config,
                new ProjectExporter(config.formats(), targets, metrics), status,
                metrics);
        loop.start();
        LOG.infof("Planner export started: %s to %s, consumer group %s", config.formats(),
                targets.stream().map(DeliveryTarget::name).toList(), config.consumerGroup());
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (loop != null) {
            loop.stop();
        }
    }

    static List<DeliveryTarget> targets(PlannerExportConfig config) {
        List<DeliveryTarget> targets = new ArrayList<>();
        config.outbox().directory().ifPresent(directory -> targets.add(new OutboxTarget(directory)));
        if (config.planner().url().isPresent()) {
            targets.add(new PlannerEndpointTarget(config.planner(), Clock.systemUTC()));
        }
        if (targets.isEmpty()) {
            throw new IllegalStateException("The planner export is enabled but has nowhere to deliver: set "
                    + "trestle.schedule-connector.export.outbox.directory and/or "
                    + "trestle.schedule-connector.export.planner.url");
        }
        return targets;
    }
}
