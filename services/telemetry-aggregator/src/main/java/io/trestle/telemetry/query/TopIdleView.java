package io.trestle.telemetry.query;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "The assets that idled longest on a UTC day, most idle hours first (ties by asset id), over all "
        + "instances")
public record TopIdleView(LocalDate day, int limit, List<IdleAsset> assets) {

    public record IdleAsset(String assetId, double idleHours, double operatingHours, double availableHours,
            double utilization) {
    }
}
