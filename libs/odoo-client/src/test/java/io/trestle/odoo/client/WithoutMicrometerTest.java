package io.trestle.odoo.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Micrometer is an optional dependency: a client without a registry must run where Micrometer is absent. */
class WithoutMicrometerTest {

    @Test
    void clientRunsWithoutMicrometerOnTheClassPath() throws Throwable {
        try (FakeOdoo odoo = FakeOdoo
                .start((request, index) -> FakeOdoo.Reply.recorded(Transcript.get("common.version")));
                URLClassLoader withoutMicrometer = new URLClassLoader(
                        new URL[]{location(OdooClient.class), location(ObjectMapper.class),
                                location(JsonFactory.class), location(JsonProperty.class)},
                        ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> withoutMicrometer.loadClass("io.micrometer.core.instrument.MeterRegistry"))
                    .isInstanceOf(ClassNotFoundException.class);
            Class<?> configType = withoutMicrometer.loadClass(OdooClientConfig.class.getName());
            Object config = configType.getMethod("of", URI.class, String.class, String.class, String.class)
                    .invoke(null, odoo.url(), "constr", "admin", "admin");
            Class<?> clientType = withoutMicrometer.loadClass(OdooClient.class.getName());

            // Method handles link just the method called, as compiled code does; reflection over all of
            // OdooClient's methods would also resolve create(config, MeterRegistry).
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Object client = lookup.findStatic(clientType, "create", MethodType.methodType(clientType, configType))
                    .invoke(config);
            Object version = lookup.findVirtual(clientType, "version",
                    MethodType.methodType(withoutMicrometer.loadClass(OdooServerVersion.class.getName())))
                    .invoke(client);

            assertThat(version.toString()).contains("17.0-20240709");
        }
    }

    private static URL location(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }
}
