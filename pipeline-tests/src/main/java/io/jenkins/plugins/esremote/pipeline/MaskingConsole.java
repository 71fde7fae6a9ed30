package io.jenkins.plugins.esremote.pipeline;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The build console: prints whole lines to an output stream and keeps them for assertions,
 * replacing every value bound by {@code withCredentials} with {@code ****} as Jenkins does.
 */
public final class MaskingConsole {

    private final PrintStream out;
    private final StringBuffer text = new StringBuffer();
    private final Set<String> secrets = new CopyOnWriteArraySet<>();

    public MaskingConsole(PrintStream out) {
        this.out = out;
    }

    /** Masks this value in every line printed from now on. */
    public void mask(String secret) {
        if (secret != null && !secret.isEmpty()) {
            secrets.add(secret);
        }
    }

    public synchronized void println(Object line) {
        String masked = String.valueOf(line);
        for (String secret : secrets) {
            masked = masked.replace(secret, "****");
        }
        text.append(masked).append('\n');
        out.println(masked);
        out.flush();
    }

    /** Returns everything printed so far, masked. */
    public String text() {
        return text.toString();
    }

    /** Returns a stream whose lines go to this console, for a step's TaskListener. */
    public PrintStream stream() {
        return new PrintStream(new LineOutputStream(), true, StandardCharsets.UTF_8);
    }

    private final class LineOutputStream extends OutputStream {
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                flushLine();
            } else {
                line.write(b);
            }
        }

        @Override
        public synchronized void flush() {
            if (line.size() > 0) {
                flushLine();
            }
        }

        private void flushLine() {
            println(line.toString(StandardCharsets.UTF_8));
            line.reset();
        }
    }
}
