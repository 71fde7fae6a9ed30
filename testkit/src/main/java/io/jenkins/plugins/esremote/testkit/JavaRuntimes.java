package io.jenkins.plugins.esremote.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a Java runtime of at least a given feature version for the node JVMs.
 *
 * <p>Looks, in order, at the system property {@value #PROPERTY}, the environment variable
 * {@value #VARIABLE}, the runtime running the tests, and the JDKs installed under {@code
 * /usr/lib/jvm} (the Debian and Ubuntu location), {@code /opt/java} and {@code
 * ~/.sdkman/candidates/java}.
 */
final class JavaRuntimes {

    static final String PROPERTY = "testkit.java.home";
    static final String VARIABLE = "TESTKIT_JAVA_HOME";

    private static final Pattern JAVA_VERSION = Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE);

    private JavaRuntimes() {}

    /** Returns the {@code java} executable of a runtime of at least {@code minimumFeature}. */
    static Optional<Path> find(int minimumFeature) {
        List<Path> candidates = new ArrayList<>();
        String property = System.getProperty(PROPERTY);
        if (property != null && property.isBlank() == false) {
            candidates.add(Path.of(property));
        }
        String variable = System.getenv(VARIABLE);
        if (variable != null && variable.isBlank() == false) {
            candidates.add(Path.of(variable));
        }
        candidates.add(Path.of(System.getProperty("java.home")));
        for (String parent : List.of("/usr/lib/jvm", "/opt/java", System.getProperty("user.home") + "/.sdkman/candidates/java")) {
            candidates.addAll(children(Path.of(parent)));
        }
        return find(minimumFeature, candidates);
    }

    /** Returns the {@code java} executable of the first candidate home of at least {@code minimumFeature}. */
    static Optional<Path> find(int minimumFeature, List<Path> homes) {
        for (Path home : homes) {
            Path java = home.resolve("bin").resolve(isWindows() ? "java.exe" : "java");
            if (Files.isExecutable(java) && featureVersion(home) >= minimumFeature) {
                return Optional.of(java);
            }
        }
        return Optional.empty();
    }

    private static int featureVersion(Path home) {
        if (home.equals(Path.of(System.getProperty("java.home")))) {
            return Runtime.version().feature();
        }
        Path release = home.resolve("release");
        try {
            Matcher matcher = JAVA_VERSION.matcher(Files.readString(release, StandardCharsets.UTF_8));
            return matcher.find() ? Integer.parseInt(matcher.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static List<Path> children(Path directory) {
        List<Path> children = new ArrayList<>();
        if (Files.isDirectory(directory) == false) {
            return children;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            stream.forEach(children::add);
        } catch (IOException e) {
            return children;
        }
        children.sort(null);
        return children;
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").startsWith("Windows");
    }
}
