package io.trestle.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.trestle.bench.process.BenchHome;
import io.trestle.bench.report.MarkdownReport;
import io.trestle.bench.report.RunReport;
import io.trestle.bench.stack.Stack;

/**
 * Runs the benchmark (started by {@code bench/run-benchmark.sh}): starts its own broker, registry, Odoo stand-in and
 * the services, measures, writes {@code benchmark-report.md} and {@code benchmark-report.json} to the output folder,
 * and stops everything it started — also on failure and on Ctrl-C. Exit code 0 when the run completed, 1 when it
 * failed, 2 for bad arguments.
 */
public final class Main {

    /**
     * The registry client warns on first use that it shares a default Vert.x instance, advice for long-running
     * applications that would only clutter the benchmark's output. Held here so the level is not garbage-collected.
     */
    private static final Logger REGISTRY_CLIENT = Logger.getLogger("io.apicurio.registry.client.common");

    private Main() {
    }

    public static void main(String[] args) {
        REGISTRY_CLIENT.setLevel(Level.SEVERE);
        if (Arrays.asList(args).contains("--help")) {
            System.out.print(BenchOptions.USAGE);
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (RuntimeException e) {
            System.err.println("ERROR: " + e.getMessage());
            System.err.print(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        int exitCode = 1;
        Stack stack = null;
        Thread stopOnSignal = null;
        try {
            BenchHome home = BenchHome.prepare(options.repository(), options.state());
            stack = new Stack(home, Stack.JvmOptions.defaults());
            Stack started = stack;
            stopOnSignal = new Thread(() -> {
                System.out.println("\nInterrupted: stopping what the benchmark started");
                started.close();
            }, "stop-benchmark-processes");
            Runtime.getRuntime().addShutdownHook(stopOnSignal);
            RunReport report = new BenchmarkRun(options, home, stack).run();
            write(report, options.out());
            exitCode = 0;
        } catch (Exception e) {
            System.err.println("\nERROR: the benchmark failed: " + e);
            e.printStackTrace();
            if (stack != null) {
                System.err.println("Logs of the processes: " + stack.logs());
            }
        } finally {
            if (stack != null) {
                BenchmarkRun.step("Stopping the services, the Odoo stand-in, the registry and Kafka");
                stack.close();
                try {
                    Runtime.getRuntime().removeShutdownHook(stopOnSignal);
                } catch (IllegalStateException shuttingDown) {
                    // Ctrl-C: the hook is running and stops the processes itself
                }
            }
        }
        System.exit(exitCode);
    }

    private static void write(RunReport report, Path out) throws IOException {
        Files.createDirectories(out);
        Path markdown = out.resolve("benchmark-report.md");
        Path json = out.resolve("benchmark-report.json");
        Files.writeString(markdown, MarkdownReport.render(report));
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), report);
        BenchmarkRun.step("Report: %s (raw figures: %s)", markdown, json);
        System.out.println();
        System.out.print(Files.readString(markdown));
    }
}
