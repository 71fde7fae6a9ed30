package io.jenkins.plugins.esremote.testkit;

import java.util.Locale;

/**
 * The Elasticsearch release line testkit starts, chosen with the system property {@value
 * #PROPERTY} ({@code 8}, the default, or {@code 9}).
 */
enum ElasticsearchLine {
    EIGHT("8", 17),
    NINE("9", 21);

    static final String PROPERTY = "testkit.elasticsearch.line";

    private final String major;
    private final int minimumJava;

    ElasticsearchLine(String major, int minimumJava) {
        this.major = major;
        this.minimumJava = minimumJava;
    }

    static ElasticsearchLine selected() {
        String value = System.getProperty(PROPERTY, "8").trim().toLowerCase(Locale.ROOT);
        for (ElasticsearchLine line : values()) {
            if (line.major.equals(value) || value.startsWith(line.major + ".")) {
                return line;
            }
        }
        throw new IllegalArgumentException(
            "invalid -D" + PROPERTY + "=" + value + ": use 8 (Elasticsearch 8.19, the default) or 9 (9.x, needs a JDK 21+)");
    }

    String major() {
        return major;
    }

    int minimumJava() {
        return minimumJava;
    }

    /** Returns the class path resource that testkit-node's build writes for this line. */
    String classPathResource() {
        return "META-INF/testkit-node/classpath-" + major + ".txt";
    }
}
