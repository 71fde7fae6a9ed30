package io.jenkins.plugins.esremote.engine;

import co.elastic.clients.elasticsearch._types.ClusterDetails;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.security.ApiKey;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks that the alias works with the API key; read-only apart from the journal. */
final class VerifyPhase {

    private static final Phase PHASE = Phase.VERIFY;

    private final Context context;

    VerifyPhase(Context context) {
        this.context = context;
    }

    VerifyResult run(VerifyRequest request) throws MigrationException {
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        AliasSettings.RemoteStatus status = new AliasSettings(context).status(PHASE);
        if (!status.exists()) {
            problems.add("alias '" + context.alias + "' is not in _remote/info");
        } else {
            if (!status.connected()) {
                problems.add("alias '" + context.alias + "' is not connected");
            }
            if (!status.credentials()) {
                problems.add("_remote/info shows no cluster_credentials: the connection still uses "
                        + "certificates (or the keystore entry was not loaded)");
            }
        }
        Map<String, Object> probe = request.probeIndex() == null ? null : probe(request.probeIndex(), problems);
        List<Map<String, Object>> followers = followers(problems);
        String expiration = keyExpiration(request.keyExpiryWarning(), problems, warnings);

        context.journal.verified = problems.isEmpty();
        context.journal.phases.put(PHASE.id(), problems.isEmpty() ? "done" : "failed");
        context.journal.record(PHASE, context.local.name(), "verify", problems.isEmpty() ? "done" : "failed",
                String.join("; ", problems));
        context.save(PHASE);
        if (problems.isEmpty()) {
            context.info(PHASE, context.local.name(), "connected with API key credentials"
                    + (probe == null ? "" : ", probe search returned " + probe.get("hits") + " hits")
                    + ", " + followers.size() + " followers checked");
        } else {
            context.warn(PHASE, context.local.name(), problems.size() + " problems: " + String.join("; ", problems));
        }
        for (String warning : warnings) {
            context.warn(PHASE, context.local.name(), warning);
        }
        return new VerifyResult(context.local.name(), context.alias, warnings, status.connected(),
                status.credentials(), status.raw(), probe, followers, expiration, problems);
    }

    /**
     * Searches {@code <alias>:<index>} with size 0. With {@code skip_unavailable} a broken remote
     * is skipped rather than failing, so the per-cluster status is checked too.
     */
    private Map<String, Object> probe(String index, List<String> problems) {
        Map<String, Object> result = new LinkedHashMap<>();
        String target = context.alias + ":" + index;
        result.put("index", target);
        try {
            SearchResponse<Void> response = context.local.typed().search(
                    s -> s.index(target).size(0).trackTotalHits(t -> t.enabled(true)), Void.class);
            long hits = response.hits().total() == null ? 0 : response.hits().total().value();
            result.put("hits", hits);
            ClusterDetails details = response.clusters() == null || response.clusters().details() == null
                    ? null
                    : response.clusters().details().get(context.alias);
            String clusterStatus = details == null ? "successful" : details.status().jsonValue();
            result.put("clusterStatus", clusterStatus);
            if (!clusterStatus.equals("successful")) {
                problems.add("probe search on " + target + " was " + clusterStatus
                        + " on the remote cluster");
            }
        } catch (ElasticsearchException e) {
            String reason = context.local.scrub(e.error().type() + ": " + e.error().reason());
            result.put("error", reason);
            problems.add("probe search on " + target + " failed: " + reason);
        } catch (IOException e) {
            result.put("error", e.getMessage());
            problems.add("probe search on " + target + " failed: " + context.local.scrub(e.getMessage()));
        }
        return result;
    }

    /** Follower status; a follower active before the migration must be active again after resume. */
    private List<Map<String, Object>> followers(List<String> problems) throws MigrationException {
        List<Map<String, Object>> result = new ArrayList<>();
        boolean resumed = "done".equals(context.journal.phases.get(Phase.RESUME_TASKS.id()));
        for (TaskCatalog.Found task : new TaskCatalog(context).find(PHASE)) {
            if (task.type() != RemoteTask.Type.FOLLOWER_INDEX) {
                continue;
            }
            Map<String, Object> follower = new LinkedHashMap<>();
            follower.put("index", task.id());
            follower.put("status", task.state());
            result.add(follower);
            Journal.TaskRecord record = recordFor(task.id());
            if (resumed && record != null && record.paused && !task.running()) {
                problems.add("follower index " + task.id() + " was active before the migration but is "
                        + task.state());
            }
        }
        return result;
    }

    private String keyExpiration(Duration warning, List<String> problems, List<String> warnings)
            throws MigrationException {
        Journal.KeyRecord key = context.journal.key;
        if (key == null || key.id == null) {
            return null;
        }
        Instant expiration = key.expiration == null ? null : Instant.parse(key.expiration);
        if (context.remote != null) {
            List<ApiKey> keys = context.remote.call(PHASE, context.alias, "reading key " + key.id, null,
                    client -> client.security().getApiKey(r -> r.id(key.id))).apiKeys();
            if (keys.isEmpty() || keys.get(0).invalidated()) {
                problems.add("cross-cluster key " + key.id + " is invalidated or gone on the remote cluster");
                return key.expiration;
            }
            Long millis = keys.get(0).expiration();
            expiration = millis == null ? null : Instant.ofEpochMilli(millis);
        }
        if (expiration == null) {
            return "never";
        }
        if (expiration.isBefore(Instant.now())) {
            problems.add("cross-cluster key " + key.id + " expired at " + expiration);
        } else if (expiration.isBefore(Instant.now().plus(warning))) {
            warnings.add("cross-cluster key " + key.id + " expires at " + expiration
                    + ": create a new key or extend it with PUT /_security/cross_cluster/api_key/" + key.id);
        }
        return expiration.toString();
    }

    private Journal.TaskRecord recordFor(String index) {
        if (context.journal.tasks == null) {
            return null;
        }
        for (Journal.TaskRecord record : context.journal.tasks) {
            if (record.kind() == RemoteTask.Type.FOLLOWER_INDEX && record.id.equals(index)) {
                return record;
            }
        }
        return null;
    }
}
