package io.trestle.testkit.containers;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;

import io.trestle.testkit.SmokeChecks;

/** The smoke checks of the in-JVM infrastructure, against containers; skipped where there is no Docker daemon. */
@Testcontainers(disabledWithoutDocker = true)
class ContainerInfrastructureTest {

    private static ContainerKafka kafka;
    private static ContainerRegistry registry;
    private static ContainerPostgres postgres;

    @BeforeAll
    static void start() {
        kafka = ContainerKafka.start();
        registry = ContainerRegistry.start();
        postgres = ContainerPostgres.start();
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable container : new AutoCloseable[]{postgres, registry, kafka}) {
            closeIfStarted(container);
        }
    }

    @Test
    void avroRecordRoundTripsThroughApicurioRegistry() throws Exception {
        SmokeChecks.avroRoundTrip(kafka, registry);
    }

    @Test
    void transactionalProducerCommitsForReadCommittedConsumers() throws Exception {
        SmokeChecks.transactionalProduce(kafka);
    }

    @Test
    void postgresServesLogicalReplication() throws Exception {
        SmokeChecks.logicalReplication(postgres);
    }

    private static void closeIfStarted(AutoCloseable container) {
        if (container == null) {
            return;
        }
        try {
            container.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
