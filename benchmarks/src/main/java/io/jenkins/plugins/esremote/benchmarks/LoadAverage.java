package io.jenkins.plugins.esremote.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load average, recorded beside the results because it moves them. */
final class LoadAverage {

    private LoadAverage() {}

    /** Returns the 1, 5 and 15 minute load averages from {@code /proc/loadavg}, or "unknown". */
    static String read() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            return "unknown";
        }
    }
}
