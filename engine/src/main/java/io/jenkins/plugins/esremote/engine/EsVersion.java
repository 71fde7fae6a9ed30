package io.jenkins.plugins.esremote.engine;

/** An Elasticsearch release number such as {@code 8.19.21}, compared numerically. */
record EsVersion(int major, int minor, int patch) implements Comparable<EsVersion> {

    static final EsVersion MINIMUM = new EsVersion(8, 10, 0);
    static final EsVersion RELOADABLE_CREDENTIALS = new EsVersion(8, 13, 0);
    static final EsVersion REMOTE_CLUSTER_PRIVILEGES = new EsVersion(8, 15, 0);
    static final EsVersion SKIP_UNAVAILABLE_DEFAULT_TRUE = new EsVersion(8, 15, 0);

    /** Parses {@code 8.19.21}, {@code 9.1.0-SNAPSHOT} and the like. */
    static EsVersion parse(String text) {
        String[] parts = text.split("[.-]");
        try {
            return new EsVersion(
                    Integer.parseInt(parts[0]),
                    parts.length > 1 ? Integer.parseInt(parts[1]) : 0,
                    parts.length > 2 ? Integer.parseInt(parts[2]) : 0);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid Elasticsearch version '" + text + "'.", e);
        }
    }

    boolean atLeast(EsVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(EsVersion other) {
        if (major != other.major) {
            return Integer.compare(major, other.major);
        }
        if (minor != other.minor) {
            return Integer.compare(minor, other.minor);
        }
        return Integer.compare(patch, other.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
