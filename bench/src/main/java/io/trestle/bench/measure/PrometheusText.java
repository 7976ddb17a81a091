package io.trestle.bench.measure;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Map;

import io.trestle.bench.process.LocalHttp;

/** Reads sums out of a service's Prometheus text exposition ({@code /q/metrics}). */
public final class PrometheusText {

    private PrometheusText() {
    }

    public static String scrape(String baseUrl) throws IOException, InterruptedException {
        HttpResponse<String> response = LocalHttp.get(baseUrl + "/q/metrics");
        if (response.statusCode() != 200) {
            throw new IOException(baseUrl + "/q/metrics answered " + response.statusCode());
        }
        return response.body();
    }

    /** The sum of every sample of {@code metric} whose labels include all of {@code labels}. */
    public static double sum(String exposition, String metric, Map<String, String> labels) {
        double sum = 0;
        for (String line : exposition.split("\n")) {
            if (line.startsWith("#") || !line.startsWith(metric)) {
                continue;
            }
            String rest = line.substring(metric.length());
            String labelText = "";
            if (rest.startsWith("{")) {
                int close = rest.indexOf('}');
                labelText = rest.substring(1, close);
                rest = rest.substring(close + 1);
            } else if (!rest.startsWith(" ")) {
                continue; // another metric whose name starts with this one
            }
            String text = labelText;
            if (labels.entrySet().stream()
                    .allMatch(label -> text.contains(label.getKey() + "=\"" + label.getValue() + "\""))) {
                sum += Double.parseDouble(rest.trim().split("\\s+")[0]);
            }
        }
        return sum;
    }
}
