package scrim.cli.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time and peak memory of this process, from /proc (Linux). */
final class ProcessStats {

    /** Linux reports CPU time in clock ticks of 1/100 s (USER_HZ) on every common platform. */
    private static final long NANOS_PER_TICK = 10_000_000L;

    private ProcessStats() {
    }

    /** User + system CPU time of all threads, in nanoseconds (10 ms resolution). */
    static long cpuNanos() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // fields after the command name, which is in parentheses and may contain spaces
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Peak resident set size (VmHWM) in megabytes, 0 if unknown. */
    static double peakRssMegabytes() {
        return statusMegabytes("VmHWM:");
    }

    /** Resident set size now (VmRSS) in megabytes, 0 if unknown. */
    static double rssMegabytes() {
        return statusMegabytes("VmRSS:");
    }

    private static double statusMegabytes(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        }
        return 0;
    }
}
