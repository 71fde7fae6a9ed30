package io.jenkins.plugins.esremote.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One Elasticsearch node in a child JVM.
 *
 * <p>The child's standard output and error go to {@code <home>/logs/node.log}. Its standard input
 * stays open as long as this JVM lives: the node stops when it closes, which also happens when
 * this JVM is killed.
 */
final class NodeProcess {

    static final String MAIN_CLASS = "io.jenkins.plugins.esremote.testkit.node.NodeMain";
    static final String KEYSTORE_MAIN_CLASS = "io.jenkins.plugins.esremote.testkit.node.KeystoreTool";
    static final String PASSWORD_VARIABLE = "ELASTIC_PASSWORD";

    private static final String STARTED_LINE = "testkit-node: started";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(Long.getLong("testkit.node.start.timeout.seconds", 300));
    private static final String HEAP = System.getProperty("testkit.node.heap", "512m");

    private final String name;
    private final Path home;
    private final Path java;
    private final String classPath;
    private final Path logFile;
    private Process process;
    private OutputStream standardInput;

    NodeProcess(String name, Path home, Path java, String classPath) {
        this.name = name;
        this.home = home;
        this.java = java;
        this.classPath = classPath;
        this.logFile = home.resolve("logs").resolve("node.log");
    }

    Path configDir() {
        return home.resolve("config");
    }

    Path logFile() {
        return logFile;
    }

    Path java() {
        return java;
    }

    String classPath() {
        return classPath;
    }

    long pid() {
        return process.pid();
    }

    /** Starts the child JVM without waiting for the node to come up. */
    void start(String elasticPassword) {
        try {
            Files.createDirectories(home.resolve("logs"));
            Files.createDirectories(home.resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException("failed to create the directories of node " + name, e);
        }
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.add("-Xms" + HEAP);
        command.add("-Xmx" + HEAP);
        command.add("-XX:+UseG1GC");
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.add("-Djava.io.tmpdir=" + home.resolve("tmp"));
        command.add("-Dlog4j2.disable.jmx=true");
        command.add("-Dlog4j2.formatMsgNoLookups=true");
        command.add("-Dio.netty.allocator.numDirectArenas=0");
        // -Dtestkit.emulation=false starts the nodes without the emulated CCR, transform and ML.
        command.add("-Dtestkit.emulation=" + System.getProperty("testkit.emulation", "true"));
        command.add("-cp");
        command.add(classPath);
        command.add(MAIN_CLASS);
        command.add(configDir().toString());

        ProcessBuilder builder = new ProcessBuilder(command)
            .directory(home.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().put(PASSWORD_VARIABLE, elasticPassword);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("failed to start the JVM of node " + name + " with " + java, e);
        }
        standardInput = process.getOutputStream();
    }

    /**
     * Waits until the node reports that it started and returns the address of each interface
     * ({@code http}, {@code transport}, {@code remote_cluster}) read from its ports files.
     */
    void awaitStarted() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            if (process.isAlive() == false) {
                throw failure("exited with code " + process.exitValue() + " while starting");
            }
            if (logContains(STARTED_LINE)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw failure("did not start within " + START_TIMEOUT.toSeconds() + " s");
            }
            sleep(100);
        }
    }

    /** Returns the bound address of an interface, such as {@code 127.0.0.1:41234}. */
    String boundAddress(String interfaceName) {
        Path portsFile = home.resolve("logs").resolve(interfaceName + ".ports");
        try {
            List<String> lines = Files.readAllLines(portsFile, StandardCharsets.UTF_8);
            for (String line : lines) {
                if (line.startsWith("127.0.0.1:")) {
                    return line.trim();
                }
            }
            throw new IllegalStateException("node " + name + " reports no loopback address in " + portsFile + ": " + lines);
        } catch (IOException e) {
            throw new UncheckedIOException("node " + name + " did not write " + portsFile, e);
        }
    }

    /** Stops the node: closes its standard input, then kills it if it has not exited in time. */
    void stop() {
        if (process == null) {
            return;
        }
        try {
            standardInput.close();
        } catch (IOException e) {
            // Already closed: the node is stopping or gone.
        }
        try {
            if (process.waitFor(30, TimeUnit.SECONDS) == false) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the node without waiting, from a shutdown hook. */
    void stopNow() {
        if (process != null) {
            try {
                standardInput.close();
            } catch (IOException e) {
                // Already closed.
            }
            process.destroy();
        }
    }

    private IllegalStateException failure(String problem) {
        String log = readLog();
        System.err.println("testkit: node " + name + " " + problem + ". Its log " + logFile + " follows.");
        System.err.println(log);
        stopNow();
        return new IllegalStateException("Elasticsearch node " + name + " " + problem + ". Log: " + logFile + "\n" + tail(log, 60));
    }

    private boolean logContains(String text) {
        return readLog().contains(text);
    }

    private String readLog() {
        try {
            return Files.exists(logFile) ? Files.readString(logFile, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(failed to read " + logFile + ": " + e + ")";
        }
    }

    private static String tail(String text, int lines) {
        String[] all = text.split("\n");
        int from = Math.max(0, all.length - lines);
        return String.join("\n", Arrays.copyOfRange(all, from, all.length));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a node", e);
        }
    }
}
