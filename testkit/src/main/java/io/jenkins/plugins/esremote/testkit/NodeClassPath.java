package io.jenkins.plugins.esremote.testkit;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The class path of a node JVM: testkit-node's own classes followed by the Elasticsearch jars
 * that its build recorded.
 *
 * <p>The jars are listed by absolute path in the local Maven repository, so a testkit-node
 * artifact is only usable on the machine that built it, which is where tests run.
 */
final class NodeClassPath {

    private NodeClassPath() {}

    static String forLine(ElasticsearchLine line) {
        String resource = line.classPathResource();
        ClassLoader loader = NodeClassPath.class.getClassLoader();
        URL listing = loader.getResource(resource);
        if (listing == null) {
            throw new IllegalStateException("class path resource " + resource + " not found: testkit-node"
                + (line == ElasticsearchLine.NINE ? "-es9 (built with -D" + ElasticsearchLine.PROPERTY + "=9)" : "")
                + " must be on the test class path; build it with ./mvnw install -pl testkit-node -am");
        }
        List<String> entries = new ArrayList<>();
        // The launcher classes always come from testkit-node, whichever line's listing was found.
        entries.add(codeSource(loader.getResource(ElasticsearchLine.EIGHT.classPathResource()), ElasticsearchLine.EIGHT.classPathResource()).toString());
        for (String jar : read(listing).split(Pattern.quote(File.pathSeparator))) {
            String trimmed = jar.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (Files.exists(Path.of(trimmed)) == false) {
                throw new IllegalStateException("Elasticsearch jar " + trimmed + " listed in " + listing
                    + " is missing: rebuild testkit-node (./mvnw install -pl testkit-node -am)");
            }
            entries.add(trimmed);
        }
        return String.join(File.pathSeparator, entries);
    }

    private static String read(URL url) {
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("failed to read " + url, e);
        }
    }

    /** Returns the jar file or class directory that contains a resource. */
    private static Path codeSource(URL url, String resource) {
        if (url == null) {
            throw new IllegalStateException("testkit-node is not on the test class path (resource " + resource + " not found)");
        }
        try {
            if ("jar".equals(url.getProtocol())) {
                JarURLConnection connection = (JarURLConnection) url.openConnection();
                connection.setUseCaches(false);
                return Path.of(connection.getJarFileURL().toURI());
            }
            Path file = Path.of(url.toURI());
            Path root = file;
            for (int i = 0; i < resource.split("/").length; i++) {
                root = root.getParent();
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("unexpected resource URL " + url, e);
        }
    }
}
