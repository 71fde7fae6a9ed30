package io.jenkins.plugins.esremote.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * Samples the alias on a dedicated thread at a fixed rate: {@code GET /_remote/info}, then a
 * cross-cluster search for the probe index through the alias. Every sample is kept, with its
 * {@link System#nanoTime()} timestamp, together with labelled marks that the switching code adds.
 *
 * <p>The client must be used by nothing else, so that the switch's own requests never queue
 * behind a sample or the other way round.
 */
final class Sampler implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Consecutive samples in the starting model required before a switch may begin. */
    private static final int BASELINE_SAMPLES = 3;

    private final RestClient client;
    private final String alias;
    private final String probeIndex;
    private final long intervalNanos;
    private final List<Sample> samples = new ArrayList<>();
    private final List<Mark> marks = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    /** A moment the switching code labelled, such as a request it sent. */
    record Mark(long nanos, String label) {}

    Sampler(RestClient client, String alias, String probeIndex, Duration interval) {
        this.client = client;
        this.alias = alias;
        this.probeIndex = probeIndex;
        this.intervalNanos = interval.toNanos();
        this.thread = new Thread(this::run, "outage-sampler");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        long next = System.nanoTime();
        while (running) {
            Sample sample = take();
            synchronized (this) {
                samples.add(sample);
                notifyAll();
            }
            next += intervalNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else {
                // A slow sample: start the next one at once and keep the rate from here.
                next = System.nanoTime();
            }
        }
    }

    private Sample take() {
        long nanos = System.nanoTime();
        boolean connected = false;
        boolean credentials = false;
        String error = null;
        try {
            JsonNode entry = get(new Request("GET", "/_remote/info")).path(alias);
            connected = entry.path("connected").asBoolean(false);
            credentials = entry.has("cluster_credentials");
            if (!connected) {
                error = entry.isMissingNode() ? "alias absent from _remote/info" : "_remote/info: connected=false";
            }
        } catch (IOException e) {
            error = "_remote/info failed: " + firstLine(e);
        }
        String probeError = probe();
        return new Sample(nanos, connected, credentials, probeError == null, error != null ? error : probeError);
    }

    /** Returns why the probe search failed, or {@code null} when it found the probe document. */
    private String probe() {
        Request search = new Request("GET", "/" + alias + ":" + probeIndex + "/_search");
        search.addParameter("size", "0");
        search.addParameter("track_total_hits", "true");
        try {
            JsonNode response = get(search);
            JsonNode clusters = response.path("_clusters");
            if (clusters.path("skipped").asInt(0) > 0 || clusters.path("failed").asInt(0) > 0) {
                return "probe search skipped the remote cluster";
            }
            if (response.path("hits").path("total").path("value").asLong(0) < 1) {
                return "probe search found no document";
            }
            return null;
        } catch (ResponseException e) {
            return "probe search failed with status " + e.getResponse().getStatusLine().getStatusCode();
        } catch (IOException e) {
            return "probe search failed: " + firstLine(e);
        }
    }

    private JsonNode get(Request request) throws IOException {
        Response response = client.performRequest(request);
        try (InputStream body = response.getEntity().getContent()) {
            return JSON.readTree(body);
        }
    }

    /** Records a labelled moment between the samples. */
    synchronized void mark(String label) {
        marks.add(new Mark(System.nanoTime(), label));
    }

    /**
     * Waits until the last {@value #BASELINE_SAMPLES} samples all show the alias usable in the
     * given model, so that the switch starts from a known state.
     */
    synchronized void awaitBaseline(boolean credentials, Duration timeout) throws InterruptedException {
        awaitLast(BASELINE_SAMPLES, credentials, timeout, "the starting state");
    }

    /** Waits until a sample shows the alias usable in the given model, then samples for {@code tail}. */
    void awaitReached(boolean credentials, Duration timeout, Duration tail) throws InterruptedException {
        synchronized (this) {
            awaitLast(1, credentials, timeout, "the target state");
        }
        TimeUnit.NANOSECONDS.sleep(tail.toNanos());
    }

    private void awaitLast(int count, boolean credentials, Duration timeout, String state) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!lastReached(count, credentials)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                Sample last = samples.isEmpty() ? null : samples.get(samples.size() - 1);
                throw new IllegalStateException("Timed out after " + timeout.toSeconds() + " s waiting for alias "
                        + alias + " to reach " + state + " (" + (credentials ? "API key" : "certificates")
                        + "). Last sample: " + last + ". See the local node's log.");
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    private boolean lastReached(int count, boolean credentials) {
        if (samples.size() < count) {
            return false;
        }
        for (Sample sample : samples.subList(samples.size() - count, samples.size())) {
            if (!sample.reached(credentials)) {
                return false;
            }
        }
        return true;
    }

    /** Stops sampling and returns every sample, oldest first. */
    List<Sample> stop() throws InterruptedException {
        running = false;
        thread.join();
        synchronized (this) {
            return List.copyOf(samples);
        }
    }

    synchronized List<Mark> marks() {
        return List.copyOf(marks);
    }

    @Override
    public void close() throws InterruptedException {
        if (thread.isAlive()) {
            stop();
        }
    }

    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
