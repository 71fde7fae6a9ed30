package io.jenkins.plugins.esremote.testkit.emulation;

import java.io.IOException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.elasticsearch.TransportVersion;
import org.elasticsearch.cluster.AbstractNamedDiffable;
import org.elasticsearch.cluster.ClusterState;
import org.elasticsearch.cluster.NamedDiff;
import org.elasticsearch.cluster.metadata.Metadata;
import org.elasticsearch.common.collect.Iterators;
import org.elasticsearch.common.io.stream.StreamInput;
import org.elasticsearch.common.io.stream.StreamOutput;
import org.elasticsearch.common.io.stream.Writeable;
import org.elasticsearch.core.CheckedFunction;
import org.elasticsearch.xcontent.ObjectParser;
import org.elasticsearch.xcontent.ToXContent;
import org.elasticsearch.xcontent.ToXContentObject;
import org.elasticsearch.xcontent.XContentBuilder;
import org.elasticsearch.xcontent.XContentParser;
import org.elasticsearch.xpack.core.ccr.AutoFollowMetadata;
import org.elasticsearch.xpack.core.ccr.AutoFollowMetadata.AutoFollowPattern;
import org.elasticsearch.xpack.core.ccr.action.FollowParameters;
import org.elasticsearch.xpack.core.ml.datafeed.DatafeedConfig;
import org.elasticsearch.xpack.core.ml.datafeed.DatafeedState;
import org.elasticsearch.xpack.core.ml.job.config.Job;
import org.elasticsearch.xpack.core.ml.job.config.JobState;
import org.elasticsearch.xpack.core.transform.transforms.TransformConfig;

/**
 * Cluster state section with every emulated CCR, transform and anomaly detection task and its
 * state. Instances are immutable: each {@code with...} method returns a changed copy, which
 * {@link EmulationStateService} publishes through a master task.
 *
 * <p>NOTE: the section is kept in memory only ({@link Metadata.XContentContext#API}), so a node
 * restart drops the emulated tasks, while the real features persist theirs.
 */
public final class EmulationMetadata extends AbstractNamedDiffable<Metadata.Custom> implements Metadata.Custom {

    public static final String TYPE = "testkit_emulation";

    public static final EmulationMetadata EMPTY =
            new EmulationMetadata(AutoFollowMetadata.EMPTY, Map.of(), Map.of(), Map.of(), Map.of());

    private final AutoFollowMetadata autoFollow;
    private final Map<String, Follower> followers;
    private final Map<String, Transform> transforms;
    private final Map<String, AnomalyJob> jobs;
    private final Map<String, Datafeed> datafeeds;

    EmulationMetadata(
            AutoFollowMetadata autoFollow,
            Map<String, Follower> followers,
            Map<String, Transform> transforms,
            Map<String, AnomalyJob> jobs,
            Map<String, Datafeed> datafeeds) {
        this.autoFollow = Objects.requireNonNull(autoFollow);
        this.followers = sorted(followers);
        this.transforms = sorted(transforms);
        this.jobs = sorted(jobs);
        this.datafeeds = sorted(datafeeds);
    }

    public EmulationMetadata(StreamInput in) throws IOException {
        this(
                new AutoFollowMetadata(in),
                in.readMap(Follower::new),
                in.readMap(Transform::new),
                in.readMap(AnomalyJob::new),
                in.readMap(Datafeed::new));
    }

    /** Returns the section of {@code state}, or {@link #EMPTY} when no task was ever created. */
    public static EmulationMetadata of(ClusterState state) {
        return state.metadata().custom(TYPE, EMPTY);
    }

    public Map<String, AutoFollowPattern> autoFollowPatterns() {
        return autoFollow.getPatterns();
    }

    public Map<String, Follower> followers() {
        return followers;
    }

    public Map<String, Transform> transforms() {
        return transforms;
    }

    public Map<String, AnomalyJob> jobs() {
        return jobs;
    }

    public Map<String, Datafeed> datafeeds() {
        return datafeeds;
    }

    EmulationMetadata withAutoFollowPattern(String name, AutoFollowPattern pattern) {
        Map<String, AutoFollowPattern> patterns = new TreeMap<>(autoFollow.getPatterns());
        if (pattern == null) {
            patterns.remove(name);
        } else {
            patterns.put(name, pattern);
        }
        AutoFollowMetadata changed = new AutoFollowMetadata(patterns, Map.of(), Map.of());
        return new EmulationMetadata(changed, followers, transforms, jobs, datafeeds);
    }

    EmulationMetadata withFollower(String index, Follower follower) {
        return new EmulationMetadata(autoFollow, put(followers, index, follower), transforms, jobs, datafeeds);
    }

    EmulationMetadata withTransform(String id, Transform transform) {
        return new EmulationMetadata(autoFollow, followers, put(transforms, id, transform), jobs, datafeeds);
    }

    EmulationMetadata withJob(String id, AnomalyJob job) {
        return new EmulationMetadata(autoFollow, followers, transforms, put(jobs, id, job), datafeeds);
    }

    EmulationMetadata withDatafeed(String id, Datafeed datafeed) {
        return new EmulationMetadata(autoFollow, followers, transforms, jobs, put(datafeeds, id, datafeed));
    }

    boolean isEmpty() {
        return autoFollow.getPatterns().isEmpty()
                && followers.isEmpty()
                && transforms.isEmpty()
                && jobs.isEmpty()
                && datafeeds.isEmpty();
    }

    @Override
    public EnumSet<Metadata.XContentContext> context() {
        return EnumSet.of(Metadata.XContentContext.API);
    }

    @Override
    public String getWriteableName() {
        return TYPE;
    }

    @Override
    public TransportVersion getMinimalSupportedVersion() {
        return TransportVersion.minimumCompatible();
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        autoFollow.writeTo(out);
        out.writeMap(followers, StreamOutput::writeWriteable);
        out.writeMap(transforms, StreamOutput::writeWriteable);
        out.writeMap(jobs, StreamOutput::writeWriteable);
        out.writeMap(datafeeds, StreamOutput::writeWriteable);
    }

    public static NamedDiff<Metadata.Custom> readDiffFrom(StreamInput in) throws IOException {
        return readDiffFrom(Metadata.Custom.class, TYPE, in);
    }

    @Override
    public Iterator<? extends ToXContent> toXContentChunked(ToXContent.Params params) {
        return Iterators.single((builder, p) -> {
            builder.startObject("auto_follow");
            Iterator<? extends ToXContent> patterns = autoFollow.toXContentChunked(p);
            while (patterns.hasNext()) {
                patterns.next().toXContent(builder, p);
            }
            builder.endObject();
            writeSection(builder, p, "followers", followers);
            writeSection(builder, p, "transforms", transforms);
            writeSection(builder, p, "jobs", jobs);
            writeSection(builder, p, "datafeeds", datafeeds);
            return builder;
        });
    }

    /** Parses the section from the format {@link #toXContentChunked} writes. */
    public static EmulationMetadata fromXContent(XContentParser parser) throws IOException {
        AutoFollowMetadata autoFollow = AutoFollowMetadata.EMPTY;
        Map<String, Follower> followers = Map.of();
        Map<String, Transform> transforms = Map.of();
        Map<String, AnomalyJob> jobs = Map.of();
        Map<String, Datafeed> datafeeds = Map.of();
        if (parser.currentToken() != XContentParser.Token.START_OBJECT) {
            parser.nextToken();
        }
        while (parser.nextToken() == XContentParser.Token.FIELD_NAME) {
            String section = parser.currentName();
            parser.nextToken();
            switch (section) {
                case "auto_follow" -> autoFollow = AutoFollowMetadata.fromXContent(parser);
                case "followers" -> followers = parseSection(parser, Follower::fromXContent);
                case "transforms" -> transforms = parseSection(parser, Transform::fromXContent);
                case "jobs" -> jobs = parseSection(parser, AnomalyJob::fromXContent);
                case "datafeeds" -> datafeeds = parseSection(parser, Datafeed::fromXContent);
                default -> parser.skipChildren();
            }
        }
        return new EmulationMetadata(autoFollow, followers, transforms, jobs, datafeeds);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EmulationMetadata that
                && samePatterns(autoFollowPatterns(), that.autoFollowPatterns())
                && followers.equals(that.followers)
                && transforms.equals(that.transforms)
                && jobs.equals(that.jobs)
                && datafeeds.equals(that.datafeeds);
    }

    @Override
    public int hashCode() {
        return Objects.hash(autoFollowPatterns().keySet(), followers, transforms, jobs, datafeeds);
    }

    /**
     * Compares patterns field by field: {@code AutoFollowPattern.equals} in x-pack-core 8.19
     * dereferences the follow index pattern, which is null when the request did not set it.
     */
    private static boolean samePatterns(Map<String, AutoFollowPattern> left, Map<String, AutoFollowPattern> right) {
        if (left.keySet().equals(right.keySet()) == false) {
            return false;
        }
        for (Map.Entry<String, AutoFollowPattern> entry : left.entrySet()) {
            AutoFollowPattern one = entry.getValue();
            AutoFollowPattern two = right.get(entry.getKey());
            boolean same = one.isActive() == two.isActive()
                    && Objects.equals(one.getRemoteCluster(), two.getRemoteCluster())
                    && Objects.equals(one.getLeaderIndexPatterns(), two.getLeaderIndexPatterns())
                    && Objects.equals(one.getLeaderIndexExclusionPatterns(), two.getLeaderIndexExclusionPatterns())
                    && Objects.equals(one.getFollowIndexPattern(), two.getFollowIndexPattern())
                    && Objects.equals(one.getSettings(), two.getSettings())
                    && sameParameters(one, two);
            if (same == false) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameParameters(AutoFollowPattern one, AutoFollowPattern two) {
        return Objects.equals(one.getMaxReadRequestOperationCount(), two.getMaxReadRequestOperationCount())
                && Objects.equals(one.getMaxWriteRequestOperationCount(), two.getMaxWriteRequestOperationCount())
                && Objects.equals(one.getMaxOutstandingReadRequests(), two.getMaxOutstandingReadRequests())
                && Objects.equals(one.getMaxOutstandingWriteRequests(), two.getMaxOutstandingWriteRequests())
                && Objects.equals(one.getMaxReadRequestSize(), two.getMaxReadRequestSize())
                && Objects.equals(one.getMaxWriteRequestSize(), two.getMaxWriteRequestSize())
                && Objects.equals(one.getMaxWriteBufferCount(), two.getMaxWriteBufferCount())
                && Objects.equals(one.getMaxWriteBufferSize(), two.getMaxWriteBufferSize())
                && Objects.equals(one.getMaxRetryDelay(), two.getMaxRetryDelay())
                && Objects.equals(one.getReadPollTimeout(), two.getReadPollTimeout());
    }

    private static <T> Map<String, T> sorted(Map<String, T> entries) {
        return Collections.unmodifiableMap(new TreeMap<>(entries));
    }

    private static <T> Map<String, T> put(Map<String, T> entries, String key, T value) {
        Map<String, T> changed = new TreeMap<>(entries);
        if (value == null) {
            changed.remove(key);
        } else {
            changed.put(key, value);
        }
        return changed;
    }

    private static void writeSection(
            XContentBuilder builder, ToXContent.Params params, String name, Map<String, ? extends ToXContent> entries)
            throws IOException {
        builder.startObject(name);
        for (Map.Entry<String, ? extends ToXContent> entry : entries.entrySet()) {
            builder.field(entry.getKey());
            entry.getValue().toXContent(builder, params);
        }
        builder.endObject();
    }

    private static <T> Map<String, T> parseSection(
            XContentParser parser, CheckedFunction<XContentParser, T, IOException> entryParser) throws IOException {
        Map<String, T> entries = new LinkedHashMap<>();
        while (parser.nextToken() == XContentParser.Token.FIELD_NAME) {
            String key = parser.currentName();
            parser.nextToken();
            entries.put(key, entryParser.apply(parser));
        }
        return entries;
    }

    /**
     * A follower index: the leader it replicates and whether its shard follow tasks run
     * ({@code active}) or were removed by pause_follow ({@code paused}).
     */
    public record Follower(
            String followerIndex,
            String remoteCluster,
            String leaderIndex,
            String leaderIndexUuid,
            FollowParameters parameters,
            boolean active)
            implements Writeable, ToXContentObject {

        private static final ObjectParser<FollowParameters, Void> PARAMETERS_PARSER =
                new ObjectParser<>("parameters", true, FollowParameters::new);

        static {
            FollowParameters.initParser(PARAMETERS_PARSER);
        }

        Follower(StreamInput in) throws IOException {
            this(
                    in.readString(),
                    in.readString(),
                    in.readString(),
                    in.readString(),
                    new FollowParameters(in),
                    in.readBoolean());
        }

        Follower withActive(boolean newActive, FollowParameters newParameters) {
            return new Follower(followerIndex, remoteCluster, leaderIndex, leaderIndexUuid, newParameters, newActive);
        }

        @Override
        public void writeTo(StreamOutput out) throws IOException {
            out.writeString(followerIndex);
            out.writeString(remoteCluster);
            out.writeString(leaderIndex);
            out.writeString(leaderIndexUuid);
            parameters.writeTo(out);
            out.writeBoolean(active);
        }

        @Override
        public XContentBuilder toXContent(XContentBuilder builder, Params params) throws IOException {
            builder.startObject();
            builder.field("follower_index", followerIndex);
            builder.field("remote_cluster", remoteCluster);
            builder.field("leader_index", leaderIndex);
            builder.field("leader_index_uuid", leaderIndexUuid);
            builder.field("active", active);
            builder.field("parameters");
            parameters.toXContent(builder, params);
            return builder.endObject();
        }

        static Follower fromXContent(XContentParser parser) throws IOException {
            Map<String, String> names = new LinkedHashMap<>();
            FollowParameters parameters = new FollowParameters();
            boolean active = false;
            while (parser.nextToken() == XContentParser.Token.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "parameters" -> parameters = PARAMETERS_PARSER.apply(parser, null);
                    case "active" -> active = parser.booleanValue();
                    default -> {
                        if (parser.currentToken().isValue()) {
                            names.put(field, parser.text());
                        } else {
                            parser.skipChildren();
                        }
                    }
                }
            }
            return new Follower(
                    names.get("follower_index"),
                    names.get("remote_cluster"),
                    names.get("leader_index"),
                    names.get("leader_index_uuid"),
                    parameters,
                    active);
        }
    }

    /** A transform and whether it was started. */
    public record Transform(TransformConfig config, boolean started) implements Writeable, ToXContentObject {

        Transform(StreamInput in) throws IOException {
            this(new TransformConfig(in), in.readBoolean());
        }

        @Override
        public void writeTo(StreamOutput out) throws IOException {
            config.writeTo(out);
            out.writeBoolean(started);
        }

        @Override
        public XContentBuilder toXContent(XContentBuilder builder, Params params) throws IOException {
            builder.startObject();
            builder.field("config", config, params);
            builder.field("started", started);
            return builder.endObject();
        }

        static Transform fromXContent(XContentParser parser) throws IOException {
            TransformConfig config = null;
            boolean started = false;
            while (parser.nextToken() == XContentParser.Token.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if (field.equals("config")) {
                    config = TransformConfig.fromXContent(parser, null, true);
                } else if (field.equals("started")) {
                    started = parser.booleanValue();
                } else {
                    parser.skipChildren();
                }
            }
            return new Transform(config, started);
        }
    }

    /** An anomaly detection job and its state: {@code opened} or {@code closed}. */
    public record AnomalyJob(Job config, JobState state, long openedAtMillis) implements Writeable, ToXContentObject {

        AnomalyJob(StreamInput in) throws IOException {
            this(new Job(in), JobState.fromStream(in), in.readLong());
        }

        @Override
        public void writeTo(StreamOutput out) throws IOException {
            config.writeTo(out);
            state.writeTo(out);
            out.writeLong(openedAtMillis);
        }

        @Override
        public XContentBuilder toXContent(XContentBuilder builder, Params params) throws IOException {
            builder.startObject();
            builder.field("config", config, params);
            builder.field("state", state.toString());
            builder.field("opened_at_millis", openedAtMillis);
            return builder.endObject();
        }

        static AnomalyJob fromXContent(XContentParser parser) throws IOException {
            Job config = null;
            JobState state = JobState.CLOSED;
            long openedAt = 0;
            while (parser.nextToken() == XContentParser.Token.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "config" -> config = Job.LENIENT_PARSER.apply(parser, null).build();
                    case "state" -> state = JobState.fromString(parser.text());
                    case "opened_at_millis" -> openedAt = parser.longValue();
                    default -> parser.skipChildren();
                }
            }
            return new AnomalyJob(config, state, openedAt);
        }
    }

    /** A datafeed and its state: {@code started} or {@code stopped}. */
    public record Datafeed(DatafeedConfig config, DatafeedState state) implements Writeable, ToXContentObject {

        Datafeed(StreamInput in) throws IOException {
            this(new DatafeedConfig(in), DatafeedState.fromStream(in));
        }

        @Override
        public void writeTo(StreamOutput out) throws IOException {
            config.writeTo(out);
            state.writeTo(out);
        }

        @Override
        public XContentBuilder toXContent(XContentBuilder builder, Params params) throws IOException {
            builder.startObject();
            builder.field("config", config, params);
            builder.field("state", state.toString());
            return builder.endObject();
        }

        static Datafeed fromXContent(XContentParser parser) throws IOException {
            DatafeedConfig config = null;
            DatafeedState state = DatafeedState.STOPPED;
            while (parser.nextToken() == XContentParser.Token.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "config" -> config = DatafeedConfig.LENIENT_PARSER.apply(parser, null).build();
                    case "state" -> state = DatafeedState.fromString(parser.text());
                    default -> parser.skipChildren();
                }
            }
            return new Datafeed(config, state);
        }
    }
}
