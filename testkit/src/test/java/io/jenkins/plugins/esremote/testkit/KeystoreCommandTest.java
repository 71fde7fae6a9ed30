package io.jenkins.plugins.esremote.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The keystore command line, used the way an operator uses {@code bin/elasticsearch-keystore}. */
@ExtendWith(EsClustersExtension.class)
class KeystoreCommandTest {

    private static final String SETTING = "cluster.remote.leader.credentials";

    @Test
    void addListRemove(EsClusters clusters) throws Exception {
        EsNode local = clusters.local();

        Result added = run(local, "value-1\n", "add", "--stdin", "--force", SETTING);
        Result listed = run(local, "", "list");
        Result removed = run(local, "", "remove", SETTING);
        Result listedAgain = run(local, "", "list");

        assertEquals(0, added.exitCode(), added.output());
        assertTrue(listed.output().lines().anyMatch(SETTING::equals), listed.output());
        assertEquals(0, removed.exitCode(), removed.output());
        assertFalse(listedAgain.output().lines().anyMatch(SETTING::equals), listedAgain.output());
    }

    @Test
    void removeMissingSettingFails(EsClusters clusters) throws Exception {
        Result result = run(clusters.local(), "", "remove", "cluster.remote.missing.credentials");

        assertEquals(78, result.exitCode());
        assertTrue(result.output().contains("does not exist"), result.output());
    }

    @Test
    void addExistingWithoutForceFails(EsClusters clusters) throws Exception {
        clusters.local().addSecureSetting(SETTING, "value-1".toCharArray());

        Result result = run(clusters.local(), "value-2\n", "add", "--stdin", SETTING);

        assertEquals(78, result.exitCode());
        assertTrue(result.output().contains("already exists"), result.output());
    }

    @Test
    void addWithoutValueFails(EsClusters clusters) throws Exception {
        Result result = run(clusters.local(), "", "add", "--stdin", "--force", SETTING);

        assertEquals(65, result.exitCode());
        assertFalse(clusters.local().listSecureSettings().contains(SETTING));
    }

    @Test
    void reloadedCredentialsShowInRemoteInfo(EsClusters clusters) throws Exception {
        String key = clusters.remote().createCrossClusterApiKey("keystore-test", "{\"search\":[{\"names\":[\"*\"]}]}");

        Result added = run(clusters.local(), key + "\n", "add", "--stdin", "--force", SETTING);
        clusters.local().reloadSecureSettings();

        assertEquals(0, added.exitCode(), added.output());
        String info = clusters.local().perform(new org.elasticsearch.client.Request("GET", "/_remote/info"));
        assertTrue(info.contains("\"cluster_credentials\":\"::es_redacted::\""), info);
    }

    private static Result run(EsNode node, String input, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(node.keystoreCommand());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "keystore command timed out");
        return new Result(process.exitValue(), output);
    }

    private record Result(int exitCode, String output) {}
}
