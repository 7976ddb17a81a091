package io.trestle.bench.process;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A process the benchmark started: broker, registry, Odoo stand-in or a service, with its console in a log file.
 *
 * <p>
 * It runs in a session of its own ({@code setsid}), so a Ctrl-C in the terminal reaches only the runner, which then
 * stops its processes in order instead of all of them dying at once. Its pid goes to {@code <state>/pids/<name>.pid}
 * and its command line carries {@code -Dtrestle.bench.home=<state>}, so {@code run-benchmark.sh} can stop what a killed
 * runner left behind, and nothing else.
 */
public final class ManagedProcess {

    private static final Duration POLL = Duration.ofMillis(100);

    private final String name;
    private final Process process;
    private final Path log;
    private final Path pidFile;

    private ManagedProcess(String name, Process process, Path log, Path pidFile) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.pidFile = pidFile;
    }

    /**
     * Starts {@code java <jvmOptions> <markers> <arguments>}.
     *
     * @param environment
     *            variables added for this process only (secrets stay out of its command line)
     */
    public static ManagedProcess startJava(String name, BenchHome home, List<String> jvmOptions,
            List<String> arguments, Path workingDirectory, Map<String, String> environment) throws IOException {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            command.add("/usr/bin/setsid");
        }
        command.add(home.java());
        command.addAll(jvmOptions);
        command.add("-Dtrestle.bench.home=" + home.state());
        command.add("-Dtrestle.bench.component=" + name);
        command.addAll(arguments);
        Files.createDirectories(workingDirectory);
        Path log = home.logs().resolve(name + ".log");
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        Path pidFile = home.pids().resolve(name + ".pid");
        Files.createDirectories(pidFile.getParent());
        Files.writeString(pidFile, Long.toString(process.pid()));
        return new ManagedProcess(name, process, log, pidFile);
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until the log contains {@code marker}; fails when the process exits or the deadline passes. */
    public void awaitLogLine(String marker, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (Files.exists(log) && Files.readString(log).contains(marker)) {
                return;
            }
            checkRunning(deadline, timeout, "'" + marker + "' in its log");
            Thread.sleep(POLL.toMillis());
        }
    }

    /**
     * Waits until {@code url} answers 200.
     *
     * @return {@link System#nanoTime()} when it first did
     */
    public long awaitHttpOk(URI url, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (LocalHttp.status(url) == 200) {
                    return System.nanoTime();
                }
            } catch (IOException notListeningYet) {
                // the server is not up yet
            }
            checkRunning(deadline, timeout, "200 from " + url);
            Thread.sleep(POLL.toMillis());
        }
    }

    private void checkRunning(long deadline, Duration timeout, String awaited) {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with code " + process.exitValue() + " before "
                    + awaited + ". Last lines of " + log + ":\n" + logTail());
        }
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException(name + " gave no " + awaited + " within " + timeout.toSeconds()
                    + " s. Last lines of " + log + ":\n" + logTail());
        }
    }

    public Optional<ProcStatus.Memory> memory() {
        return ProcStatus.memory(pid());
    }

    public Optional<Double> cpuSeconds() {
        return ProcStatus.cpuSeconds(pid());
    }

    public Optional<Double> runQueueWaitSeconds() {
        return ProcStatus.runQueueWaitSeconds(pid());
    }

    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM, then SIGKILL after {@code grace}. */
    public void stop(Duration grace) {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    System.out.printf("    %s (pid %d) did not stop within %d s; killing it%n", name, pid(),
                            grace.toSeconds());
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            // the script's clean-up checks the process before acting on a stale pid file
        }
    }
}
