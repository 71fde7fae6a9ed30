package io.jenkins.plugins.esremote.benchmarks;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Writes the samples and marks of one run as CSV, with times in milliseconds from the first sample. */
final class SampleFiles {

    private SampleFiles() {}

    static void write(Path file, List<Sample> samples, List<Sampler.Mark> marks) throws IOException {
        Files.createDirectories(file.getParent());
        long origin = samples.get(0).nanos();
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("millis,kind,connected,cluster_credentials,probe_succeeded,detail\n");
            int mark = 0;
            for (Sample sample : samples) {
                while (mark < marks.size() && marks.get(mark).nanos() <= sample.nanos()) {
                    writeMark(out, origin, marks.get(mark++));
                }
                out.write(String.format(Locale.ROOT, "%.3f,sample,%b,%b,%b,%s%n", (sample.nanos() - origin) / 1e6,
                        sample.connected(), sample.credentials(), sample.probeSucceeded(), quote(sample.error())));
            }
            while (mark < marks.size()) {
                writeMark(out, origin, marks.get(mark++));
            }
        }
    }

    private static void writeMark(Writer out, long origin, Sampler.Mark mark) throws IOException {
        out.write(String.format(Locale.ROOT, "%.3f,mark,,,,%s%n", (mark.nanos() - origin) / 1e6, quote(mark.label())));
    }

    private static String quote(String text) {
        return text == null ? "" : '"' + text.replace("\"", "\"\"").replace('\n', ' ') + '"';
    }
}
