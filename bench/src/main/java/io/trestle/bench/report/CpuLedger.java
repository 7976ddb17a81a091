package io.trestle.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * CPU seconds of every process per phase, and the seconds its threads waited for a CPU, from their {@code /proc}
 * counters at the phase's start and end. On two shared cores this says which process a phase was bound by, how much the
 * benchmark's own client took, and whether a process was slow because it had work but no CPU.
 */
public final class CpuLedger {

    private final Supplier<Map<String, Double>> cpu;
    private final Supplier<Map<String, Double>> waits;
    private final List<RunReport.PhaseCpu> phases = new ArrayList<>();
    private Map<String, Double> cpuAtStart;
    private Map<String, Double> waitsAtStart;
    private long startNanos;

    public CpuLedger(Supplier<Map<String, Double>> cpu, Supplier<Map<String, Double>> waits) {
        this.cpu = cpu;
        this.waits = waits;
    }

    public void begin() {
        cpuAtStart = cpu.get();
        waitsAtStart = waits.get();
        startNanos = System.nanoTime();
    }

    public void end(String phase) {
        phases.add(new RunReport.PhaseCpu(phase, (System.nanoTime() - startNanos) / 1e9,
                since(cpuAtStart, cpu.get()), since(waitsAtStart, waits.get())));
    }

    public List<RunReport.PhaseCpu> phases() {
        return List.copyOf(phases);
    }

    private static Map<String, Double> since(Map<String, Double> start, Map<String, Double> end) {
        Map<String, Double> used = new LinkedHashMap<>();
        end.forEach((process, seconds) -> used.put(process, Math.max(0, seconds - start.getOrDefault(process, 0.0))));
        return used;
    }
}
