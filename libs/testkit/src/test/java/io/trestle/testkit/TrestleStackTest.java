package io.trestle.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TrestleStackTest {

    @RegisterExtension
    static TrestleStack stack = TrestleStack.kafkaAndRegistry();

    @Test
    void avroRecordRoundTripsThroughTheRegistryWithTheApicurioSerde() throws Exception {
        SmokeChecks.avroRoundTrip(stack.kafkaBroker(), stack.registry());
    }

    @Test
    void transactionalProducerCommitsForReadCommittedConsumers() throws Exception {
        SmokeChecks.transactionalProduce(stack.kafkaBroker());
    }

    @Test
    void everyStackOfTheJvmUsesTheSameServers() {
        TrestleStack another = TrestleStack.kafkaAndRegistry();

        assertThat(another.bootstrapServers()).isEqualTo(stack.bootstrapServers());
        assertThat(another.registryUrl()).isEqualTo(stack.registryUrl());
        assertThat(stack.registryUrl()).endsWith("/apis/registry/v3");
        assertThat(stack.registry().ccompatUrl()).endsWith("/apis/ccompat/v7");
    }

    /** Quarkus loads test classes in class loaders of its own; they must still find the one broker of the JVM. */
    @Test
    void aSeparateClassLoaderCopyOfTheTestkitSharesTheServers() throws Exception {
        URL testkitClasses = TrestleStack.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader isolated = new ChildFirstLoader(testkitClasses)) {
            Class<?> copy = isolated.loadClass(TrestleStack.class.getName());
            assertThat(copy).isNotSameAs(TrestleStack.class);

            Object copiedStack = copy.getMethod("kafkaAndRegistry").invoke(null);

            assertThat(copy.getMethod("bootstrapServers").invoke(copiedStack)).isEqualTo(stack.bootstrapServers());
            assertThat(copy.getMethod("registryUrl").invoke(copiedStack)).isEqualTo(stack.registryUrl());
        }
    }

    @Test
    void aServiceTheStackWasNotDeclaredWithIsAnError() {
        assertThatThrownBy(() -> TrestleStack.kafka().registryUrl()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("declared without REGISTRY");
    }

    /** Loads the testkit's own classes itself, like a Quarkus class loader, and everything else from the parent. */
    private static final class ChildFirstLoader extends URLClassLoader {

        ChildFirstLoader(URL testkitClasses) {
            super(new URL[]{testkitClasses}, TrestleStackTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("io.trestle.testkit.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                return loaded != null ? loaded : findClass(name);
            }
        }
    }
}
