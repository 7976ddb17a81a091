package io.trestle.bench.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.utils.AppInfoParser;

/** What the figures were measured on: machine, versions and the checkout. */
public final class EnvironmentProbe {

    private EnvironmentProbe() {
    }

    public static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return String.join(" ", fields[0], fields[1], fields[2]);
        } catch (IOException e) {
            return "unknown";
        }
    }

    public static RunReport.Environment describe(Path repository, String loadBefore,
            Map<String, List<String>> jvmOptions) {
        Properties versions = new Properties();
        try (InputStream in = EnvironmentProbe.class.getResourceAsStream("/bench-versions.properties")) {
            if (in != null) {
                versions.load(in);
            }
        } catch (IOException e) {
            // the report says unknown
        }
        return new RunReport.Environment(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                Runtime.getRuntime().availableProcessors(), cpuModel(),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                "client " + AppInfoParser.getVersion() + ", build " + versions.getProperty("kafka", "unknown"),
                versions.getProperty("quarkus", "unknown"), versions.getProperty("trestle", "unknown"),
                gitCommit(repository), loadBefore, loadAverage(), jvmOptions);
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Short commit id, with "+changes" when the working tree differs from it. */
    private static String gitCommit(Path repository) {
        String commit = git(repository, "rev-parse", "--short", "HEAD");
        if (commit.isEmpty()) {
            return "unknown";
        }
        return git(repository, "status", "--porcelain", "--untracked-files=no").isEmpty()
                ? commit
                : commit + "+changes";
    }

    private static String git(Path repository, String... arguments) {
        try {
            List<String> command = new ArrayList<>(List.of("git", "-C", repository.toString()));
            command.addAll(List.of(arguments));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0 ? output : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
