package io.trestle.bench.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Memory and CPU time of a Linux process from {@code /proc/<pid>/status} and {@code /proc/<pid>/stat}. VmHWM is the
 * peak resident set size since the process started, kept by the kernel, so reading it once at the end gives the peak
 * over the whole run without sampling.
 */
public final class ProcStatus {

    /** USER_HZ, the unit of /proc times: 100 on every mainstream Linux architecture. */
    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private ProcStatus() {
    }

    /** Peak and current resident set size, in KiB. */
    public record Memory(long peakKib, long currentKib) {

        public double peakMib() {
            return peakKib / 1024.0;
        }
    }

    public static Optional<Memory> memory(long pid) {
        try {
            return parseMemory(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** CPU seconds (user + system) the process has used, when it is still there. */
    public static Optional<Double> cpuSeconds(long pid) {
        try {
            return parseCpuTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat")))
                    .map(ticks -> ticks / (double) CLOCK_TICKS_PER_SECOND);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Seconds the process's threads spent runnable but waiting for a CPU ({@code /proc/<pid>/task/*}/schedstat, second
     * field, summed over the live threads). On a shared machine this tells CPU starvation apart from waiting on I/O or
     * on the network, which CPU seconds alone cannot.
     */
    public static Optional<Double> runQueueWaitSeconds(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        try (Stream<Path> threads = Files.list(tasks)) {
            long nanos = 0;
            for (Path thread : threads.toList()) {
                try {
                    nanos += parseRunQueueWaitNanos(Files.readString(thread.resolve("schedstat")));
                } catch (IOException threadEnded) {
                    // a thread that ended between listing and reading no longer counts
                }
            }
            return Optional.of(nanos / 1e9);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static long parseRunQueueWaitNanos(String schedstat) {
        return Long.parseLong(schedstat.trim().split("\\s+")[1]);
    }

    static Optional<Memory> parseMemory(String status) {
        Long peak = null;
        Long current = null;
        for (String line : status.split("\n")) {
            if (line.startsWith("VmHWM:")) {
                peak = kib(line);
            } else if (line.startsWith("VmRSS:")) {
                current = kib(line);
            }
        }
        return peak == null || current == null ? Optional.empty() : Optional.of(new Memory(peak, current));
    }

    /**
     * utime + stime in clock ticks. The command name (field 2) is in parentheses and may hold spaces, so fields are
     * counted from the last ')': utime and stime are fields 14 and 15 of the line, the 12th and 13th after it.
     */
    static Optional<Long> parseCpuTicks(String stat) {
        int end = stat.lastIndexOf(')');
        if (end < 0) {
            return Optional.empty();
        }
        String[] fields = stat.substring(end + 1).trim().split("\\s+");
        if (fields.length < 13) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
    }

    private static long kib(String line) {
        String[] parts = line.substring(line.indexOf(':') + 1).trim().split("\\s+");
        return Long.parseLong(parts[0]);
    }
}
