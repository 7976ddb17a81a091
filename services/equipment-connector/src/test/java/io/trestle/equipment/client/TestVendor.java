package io.trestle.equipment.client;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.trestle.equipment.config.EquipmentConnectorConfig.Vendor;

/** A vendor profile as configuration would give it, with the defaults of {@link Vendor}. */
public record TestVendor(URI baseUrl, Auth auth, Optional<String> username, Optional<String> password,
        Optional<String> apiKeyHeader, Optional<String> apiKey, Optional<URI> tokenUrl, Optional<String> clientId,
        Optional<String> clientSecret, Duration minRequestSpacing, Resources resources) implements Vendor {

    /** The settings of the resources beyond the fleet snapshot, and of back-filling from them. */
    public record Resources(Optional<Integer> pageSize, String pageSizeParameter, String equipmentPath,
            String timeSeriesPath, Duration backfillAfter, Duration backfillMax, List<String> backfillElements) {

        static final Resources DEFAULTS = new Resources(Optional.empty(), "pageSize", "Fleet/Equipment/{id}",
                "Fleet/Equipment/{id}/{element}/{start}/{end}/{page}", Duration.ofHours(1), Duration.ofDays(7),
                List.of("CumulativeOperatingHours", "CumulativeIdleHours", "FuelUsed"));
    }

    public static TestVendor at(URI baseUrl) {
        return new TestVendor(baseUrl, Auth.NONE, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Duration.ofMinutes(15),
                Resources.DEFAULTS);
    }

    public TestVendor basic(String user, String pass) {
        return new TestVendor(baseUrl, Auth.BASIC, Optional.of(user), Optional.of(pass), apiKeyHeader, apiKey,
                tokenUrl, clientId, clientSecret, minRequestSpacing, resources);
    }

    public TestVendor apiKey(String header, String key) {
        return new TestVendor(baseUrl, Auth.API_KEY, username, password, Optional.of(header), Optional.of(key),
                tokenUrl, clientId, clientSecret, minRequestSpacing, resources);
    }

    public TestVendor oauth2(URI tokenEndpoint, String id, String secret) {
        return new TestVendor(baseUrl, Auth.OAUTH2_CLIENT_CREDENTIALS, username, password, apiKeyHeader, apiKey,
                Optional.of(tokenEndpoint), Optional.of(id), Optional.of(secret), minRequestSpacing, resources);
    }

    public TestVendor pageSize(int size, String parameter) {
        return with(new Resources(Optional.of(size), parameter, resources.equipmentPath(),
                resources.timeSeriesPath(), resources.backfillAfter(), resources.backfillMax(),
                resources.backfillElements()));
    }

    public TestVendor backfill(Duration after, Duration max, String... elements) {
        return with(new Resources(resources.pageSize(), resources.pageSizeParameter(), resources.equipmentPath(),
                resources.timeSeriesPath(), after, max, List.of(elements)));
    }

    public TestVendor paths(String equipmentPath, String timeSeriesPath) {
        return with(new Resources(resources.pageSize(), resources.pageSizeParameter(), equipmentPath,
                timeSeriesPath, resources.backfillAfter(), resources.backfillMax(), resources.backfillElements()));
    }

    private TestVendor with(Resources changed) {
        return new TestVendor(baseUrl, auth, username, password, apiKeyHeader, apiKey, tokenUrl, clientId,
                clientSecret, minRequestSpacing, changed);
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public Optional<String> system() {
        return Optional.empty();
    }

    @Override
    public Duration interval() {
        return Duration.ofMinutes(15);
    }

    @Override
    public Duration requestTimeout() {
        return Duration.ofSeconds(10);
    }

    @Override
    public Optional<Integer> pageSize() {
        return resources.pageSize();
    }

    @Override
    public String pageSizeParameter() {
        return resources.pageSizeParameter();
    }

    @Override
    public String equipmentPath() {
        return resources.equipmentPath();
    }

    @Override
    public String timeSeriesPath() {
        return resources.timeSeriesPath();
    }

    @Override
    public Duration backfillAfter() {
        return resources.backfillAfter();
    }

    @Override
    public Duration backfillMax() {
        return resources.backfillMax();
    }

    @Override
    public List<String> backfillElements() {
        return resources.backfillElements();
    }
}
