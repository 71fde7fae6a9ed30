package io.jenkins.plugins.esremote.testkit.emulation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elasticsearch.action.ActionListener;
import org.elasticsearch.action.admin.cluster.state.ClusterStateAction;
import org.elasticsearch.action.admin.cluster.state.ClusterStateRequest;
import org.elasticsearch.action.search.SearchRequest;
import org.elasticsearch.action.search.TransportSearchAction;
import org.elasticsearch.action.support.IndicesOptions;
import org.elasticsearch.action.support.RefCountingListener;
import org.elasticsearch.client.internal.Client;
import org.elasticsearch.client.internal.RemoteClusterClient;
import org.elasticsearch.cluster.ClusterState;
import org.elasticsearch.cluster.ClusterStateTaskListener;
import org.elasticsearch.cluster.SimpleBatchedExecutor;
import org.elasticsearch.cluster.metadata.IndexMetadata;
import org.elasticsearch.cluster.service.ClusterService;
import org.elasticsearch.cluster.service.MasterServiceTaskQueue;
import org.elasticsearch.common.Priority;
import org.elasticsearch.common.util.concurrent.EsExecutors;
import org.elasticsearch.core.TimeValue;
import org.elasticsearch.core.Tuple;
import org.elasticsearch.index.IndexNotFoundException;
import org.elasticsearch.search.builder.SearchSourceBuilder;
import org.elasticsearch.transport.RemoteClusterAware;
import org.elasticsearch.transport.RemoteClusterService;

/**
 * Reads and changes the emulated tasks in cluster state, and performs the reads of the remote
 * cluster that the real features perform before they start a task.
 *
 * <p>Every change is a master task on one queue, so concurrent requests apply one after the
 * other, each to the state the previous one left, as the real features' cluster state updates
 * do.
 */
public final class EmulationStateService {

    private static final TimeValue REMOTE_READ_TIMEOUT = TimeValue.timeValueSeconds(30);

    private final ClusterService clusterService;
    private final MasterServiceTaskQueue<UpdateTask> queue;

    public EmulationStateService(ClusterService clusterService) {
        this.clusterService = clusterService;
        this.queue = clusterService.createTaskQueue("testkit-emulation", Priority.NORMAL, new UpdateExecutor());
    }

    /** Returns the emulated tasks in the cluster state this node last applied. */
    public EmulationMetadata current() {
        return EmulationMetadata.of(clusterService.state());
    }

    /**
     * Submits {@code change} to the master. It runs on the master's cluster state thread against
     * the latest state; an exception it throws fails {@code listener} and changes nothing. The
     * listener completes after the new state is published, or at once when nothing changed.
     *
     * <p>NOTE: the task is submitted on this node, which must be the elected master. testkit's
     * clusters have one node each, so it always is.
     */
    public void update(String source, Change change, ActionListener<Void> listener) {
        queue.submitTask(source, new UpdateTask(change, listener), null);
    }

    /**
     * Fetches the leader index's metadata from the remote cluster {@code alias} through the node's
     * remote cluster client, as follow and resume_follow do. An unknown alias, a broken
     * connection, a missing leader index or missing privileges on the remote fail the listener
     * with the error Elasticsearch raises.
     *
     * <p>NOTE: under certificate trust the real follow also asks the remote, with has-privileges,
     * whether the caller may read and monitor the leader index. The emulation relies on this
     * cluster state read alone, so a caller with only {@code read_ccr} on the remote passes.
     */
    public static void fetchLeaderIndex(
            Client client, String alias, String leaderIndex, ActionListener<IndexMetadata> listener) {
        RemoteClusterClient remote;
        try {
            remote = remoteClient(client, alias);
        } catch (RuntimeException e) {
            listener.onFailure(e);
            return;
        }
        ClusterStateRequest request = new ClusterStateRequest(REMOTE_READ_TIMEOUT)
                .clear()
                .metadata(true)
                .indices(leaderIndex)
                .indicesOptions(IndicesOptions.strictSingleIndexNoExpandForbidClosed());
        remote.execute(ClusterStateAction.REMOTE_TYPE, request, listener.map(response -> {
            IndexMetadata metadata = response.getState().metadata().index(leaderIndex);
            if (metadata == null) {
                throw new IndexNotFoundException(leaderIndex);
            }
            return metadata;
        }));
    }

    /**
     * Reads the metadata of the remote cluster {@code alias} through its remote cluster client, as
     * put auto-follow pattern does to find the leader indices that already exist.
     */
    public static void readRemoteMetadata(Client client, String alias, ActionListener<Void> listener) {
        RemoteClusterClient remote;
        try {
            remote = remoteClient(client, alias);
        } catch (RuntimeException e) {
            listener.onFailure(e);
            return;
        }
        ClusterStateRequest request = new ClusterStateRequest(REMOTE_READ_TIMEOUT).clear().metadata(true);
        remote.execute(ClusterStateAction.REMOTE_TYPE, request, listener.map(response -> null));
    }

    /**
     * Searches the remote indices among {@code indices} ({@code alias:pattern}) with size 0,
     * through each alias's remote cluster client and as the calling user, the way a started
     * transform or datafeed first reads its source. Local indices are not read.
     *
     * <p>NOTE: a real transform or datafeed reads with the security headers stored when it was
     * created or last updated, not those of the caller of start.
     */
    public static void readRemoteSources(Client client, List<String> indices, ActionListener<Void> listener) {
        Map<String, List<String>> byAlias = new LinkedHashMap<>();
        for (String index : indices) {
            if (RemoteClusterAware.isRemoteIndexName(index)) {
                String[] parts = RemoteClusterAware.splitIndexName(index);
                byAlias.computeIfAbsent(parts[0], alias -> new ArrayList<>()).add(parts[1]);
            }
        }
        try (RefCountingListener refs = new RefCountingListener(listener)) {
            for (Map.Entry<String, List<String>> entry : byAlias.entrySet()) {
                ActionListener<Void> one = refs.acquire();
                RemoteClusterClient remote;
                try {
                    remote = remoteClient(client, entry.getKey());
                } catch (RuntimeException e) {
                    one.onFailure(e);
                    continue;
                }
                SearchRequest search = new SearchRequest(entry.getValue().toArray(String[]::new))
                        .source(new SearchSourceBuilder().size(0).trackTotalHits(false));
                remote.execute(TransportSearchAction.REMOTE_TYPE, search, one.map(response -> null));
            }
        }
    }

    private static RemoteClusterClient remoteClient(Client client, String alias) {
        return client.getRemoteClusterClient(
                alias,
                EsExecutors.DIRECT_EXECUTOR_SERVICE,
                RemoteClusterService.DisconnectedStrategy.RECONNECT_IF_DISCONNECTED);
    }

    /** A change of the emulated tasks, computed from the cluster state it applies to. */
    @FunctionalInterface
    public interface Change {
        EmulationMetadata apply(EmulationMetadata current, ClusterState state);
    }

    private record UpdateTask(Change change, ActionListener<Void> listener)
            implements ClusterStateTaskListener {

        @Override
        public void onFailure(Exception e) {
            listener.onFailure(e);
        }
    }

    private static final class UpdateExecutor extends SimpleBatchedExecutor<UpdateTask, Void> {

        @Override
        public Tuple<ClusterState, Void> executeTask(UpdateTask task, ClusterState state) {
            EmulationMetadata before = EmulationMetadata.of(state);
            EmulationMetadata after = task.change().apply(before, state);
            // A change that alters nothing returns the section it was given, and publishes no state.
            if (after == before) {
                return Tuple.tuple(state, null);
            }
            return Tuple.tuple(state.copyAndUpdateMetadata(metadata -> metadata.putCustom(EmulationMetadata.TYPE, after)), null);
        }

        @Override
        public void taskSucceeded(UpdateTask task, Void unused) {
            task.listener().onResponse(null);
        }
    }
}
