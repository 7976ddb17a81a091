package io.trestle.bench.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcStatusTest {

    @Test
    void peakAndCurrentResidentSetSizeComeFromVmHwmAndVmRss() {
        String status = """
                Name:\tjava
                VmPeak:\t 5012345 kB
                VmHWM:\t  412340 kB
                VmRSS:\t  398000 kB
                Threads:\t42
                """;

        assertThat(ProcStatus.parseMemory(status)).contains(new ProcStatus.Memory(412340, 398000));
    }

    @Test
    void cpuTicksAreUserPlusSystemTimeCountedFromTheEndOfTheCommandName() {
        String stat = "4242 (java main (x)) S 1 4242 4242 0 -1 4194560 52000 0 12 0 1500 230 0 0 20 0 42 0 100 "
                + "5000000 100000 18446744073709551615";

        assertThat(ProcStatus.parseCpuTicks(stat)).contains(1730L);
    }

    @Test
    void runQueueWaitIsTheSecondFieldOfSchedstat() {
        assertThat(ProcStatus.parseRunQueueWaitNanos("456384618 1551903830 1228\n")).isEqualTo(1551903830L);
    }

    @Test
    void theRunnersOwnProcessCanBeRead() {
        assertThat(ProcStatus.memory(ProcessHandle.current().pid())).hasValueSatisfying(
                memory -> assertThat(memory.peakKib()).isGreaterThanOrEqualTo(memory.currentKib()).isPositive());
        assertThat(ProcStatus.cpuSeconds(ProcessHandle.current().pid())).hasValueSatisfying(
                seconds -> assertThat(seconds).isPositive());
        assertThat(ProcStatus.runQueueWaitSeconds(ProcessHandle.current().pid())).hasValueSatisfying(
                seconds -> assertThat(seconds).isNotNegative());
    }

    @Test
    void aProcessThatIsGoneHasNoFigures() {
        assertThat(ProcStatus.memory(Long.MAX_VALUE)).isEmpty();
    }
}
