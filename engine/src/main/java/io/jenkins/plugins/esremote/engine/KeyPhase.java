package io.jenkins.plugins.esremote.engine;

import co.elastic.clients.elasticsearch.security.ApiKey;
import co.elastic.clients.elasticsearch.security.CreateCrossClusterApiKeyRequest;
import co.elastic.clients.elasticsearch.security.CreateCrossClusterApiKeyResponse;
import co.elastic.clients.json.JsonData;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Creates the cross-cluster API key on the remote cluster and delivers it once. */
final class KeyPhase {

    private static final Phase PHASE = Phase.CREATE_KEY;

    private final Context context;

    KeyPhase(Context context) {
        this.context = context;
    }

    CreateKeyResult run(CreateKeyRequest request, KeySink sink) throws MigrationException {
        EsClient remote = context.requireRemote(PHASE);
        if (sink == null) {
            throw new IllegalArgumentException("Missing key sink: the created key must be stored somewhere.");
        }
        List<String> warnings = new ArrayList<>();
        Journal.KeyRecord recorded = context.journal.key;
        if (recorded != null && "delivered".equals(recorded.status) && !recorded.invalidated) {
            if (stillValid(remote, recorded)) {
                context.info(PHASE, remote.name(), "key '" + recorded.name + "' (id " + recorded.id
                        + ") was already created and delivered; nothing to do");
                return result(remote, PhaseResult.Outcome.ALREADY_DONE, warnings, recorded);
            }
            warnings.add("the recorded key " + recorded.id + " is invalidated or expired on the remote "
                    + "cluster; creating a new one");
        }
        if (recorded != null && "creating".equals(recorded.status)) {
            invalidateByName(remote, recorded.name, warnings);
        }
        if (recorded != null && "created".equals(recorded.status)) {
            // Created but never delivered, so no credential contains its secret.
            invalidate(remote, recorded);
            warnings.add("invalidated key " + recorded.id + " left undelivered by an interrupted run");
        }
        String authenticationType = remote.call(PHASE, context.alias, "checking the remote credentials",
                null, client -> client.security().authenticate()).authenticationType();
        if ("api_key".equals(authenticationType)) {
            throw new MigrationException(PHASE, remote.name(), context.alias, null,
                    "the remote cluster connection authenticates with an API key, and Elasticsearch "
                            + "creates cross-cluster API keys only for users",
                    "configure the remote connection with a user that has the manage_security privilege",
                    null);
        }
        boolean derived = request.access() == null;
        KeyAccess access = derived ? derive() : request.access();
        String name = request.nameFor(context.alias);

        Journal.KeyRecord record = new Journal.KeyRecord();
        record.name = name;
        record.access = access.toMap();
        record.accessDerived = derived;
        record.status = "creating";
        context.journal.key = record;
        context.intent(PHASE, remote, "create cross-cluster API key '" + name + "'");

        CreateCrossClusterApiKeyRequest createRequest = createRequest(request, name, access);
        CreateCrossClusterApiKeyResponse response = remote.call(PHASE, context.alias,
                "creating cross-cluster API key '" + name + "'",
                "check that the remote user has manage_security and run create-key again",
                client -> client.security().createCrossClusterApiKey(createRequest));
        remote.addSecret(response.encoded());
        remote.addSecret(response.apiKey());
        context.local.addSecret(response.encoded());
        context.local.addSecret(response.apiKey());
        record.id = response.id();
        record.expiration = response.expiration() == null
                ? null
                : Instant.ofEpochMilli(response.expiration()).toString();
        record.status = "created";
        context.outcome(PHASE, remote, "create cross-cluster API key '" + name + "'", "done",
                "id " + response.id());

        deliver(remote, record, access, response.encoded(), sink);
        context.journal.phases.put(PHASE.id(), "done");
        context.save(PHASE);
        context.info(PHASE, remote.name(), "created cross-cluster API key '" + name + "' (id "
                + record.id + ", " + (derived ? "derived" : "given") + " access " + access.toMap()
                + (record.keystoreWritten ? ", written to the local keystores" : "") + ")");
        return result(remote, PhaseResult.Outcome.DONE, warnings, record);
    }

    /**
     * Hands the secret to the keystore (when configured) and the sink. If either fails the key is
     * invalidated, because its secret exists nowhere else.
     */
    private void deliver(EsClient remote, Journal.KeyRecord record, KeyAccess access, String encoded,
            KeySink sink) throws MigrationException {
        char[] secret = encoded.toCharArray();
        try {
            KeystoreAccess keystore = context.options.keystoreAccess();
            if (keystore != null) {
                context.intent(PHASE, context.local, "write keystore setting " + context.keystoreSetting()
                        + " through " + keystore.description());
                keystore.addSecureSetting(context.keystoreSetting(), secret);
                record.keystoreWritten = true;
                context.outcome(PHASE, context.local, "write keystore setting "
                        + context.keystoreSetting(), "done", null);
            }
            sink.accept(key(record, access), secret);
            record.status = "delivered";
        } catch (Exception e) {
            String reason = remote.scrub(e.getMessage());
            invalidate(remote, record);
            throw new MigrationException(PHASE, remote.name(), context.alias, null,
                    "storing the new key failed (" + e.getClass().getSimpleName() + ": " + reason
                            + "), so key " + record.id + " was invalidated",
                    "fix the credential store or keystore access and run create-key again", null);
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    private KeyAccess derive() throws MigrationException {
        KeyAccess access = new TaskCatalog(context).deriveAccess(new TaskCatalog(context).find(PHASE));
        if (access.isEmpty()) {
            throw new MigrationException(PHASE, context.local.name(), context.alias, null,
                    "no follower index, auto-follow pattern, transform or datafeed on the local cluster "
                            + "uses the alias, so the key's access cannot be derived",
                    "give the key access explicitly (search and/or replication index names)", null);
        }
        return access;
    }

    private CreateCrossClusterApiKeyRequest createRequest(
            CreateKeyRequest request, String name, KeyAccess access) {
        Map<String, JsonData> metadata = new LinkedHashMap<>();
        request.metadata().forEach((key, value) -> metadata.put(key, JsonData.of(value)));
        metadata.put("migrated_alias", JsonData.of(context.alias));
        metadata.put("local_cluster_uuid", JsonData.of(context.key.clusterUuid()));
        return CreateCrossClusterApiKeyRequest.of(r -> {
            r.name(name).metadata(metadata).access(a -> {
                for (List<String> names : access.search()) {
                    a.search(s -> s.names(names));
                }
                for (List<String> names : access.replication()) {
                    a.replication(p -> p.names(names));
                }
                return a;
            });
            if (request.expiration() != null) {
                r.expiration(t -> t.time(request.expiration()));
            }
            return r;
        });
    }

    private boolean stillValid(EsClient remote, Journal.KeyRecord record) throws MigrationException {
        List<ApiKey> keys = remote.call(PHASE, context.alias, "reading key " + record.id, null,
                client -> client.security().getApiKey(r -> r.id(record.id))).apiKeys();
        if (keys.isEmpty() || keys.get(0).invalidated()) {
            return false;
        }
        Long expiration = keys.get(0).expiration();
        return expiration == null || expiration > System.currentTimeMillis();
    }

    /** A run stopped between journaling and creating: its key's secret is lost, so revoke it. */
    private void invalidateByName(EsClient remote, String name, List<String> warnings)
            throws MigrationException {
        List<ApiKey> keys = remote.call(PHASE, context.alias, "looking up keys named " + name, null,
                client -> client.security().getApiKey(r -> r.name(name).activeOnly(true))).apiKeys();
        for (ApiKey key : keys) {
            Journal.KeyRecord stale = new Journal.KeyRecord();
            stale.id = key.id();
            invalidate(remote, stale);
            warnings.add("invalidated key " + key.id() + " left by an interrupted run (its secret was "
                    + "never stored)");
        }
    }

    private void invalidate(EsClient remote, Journal.KeyRecord record) throws MigrationException {
        if (record.id == null) {
            return;
        }
        context.intent(PHASE, remote, "invalidate key " + record.id);
        remote.call(PHASE, context.alias, "invalidating key " + record.id,
                "invalidate key " + record.id + " by hand with DELETE /_security/api_key",
                client -> client.security().invalidateApiKey(r -> r.ids(record.id)));
        record.invalidated = true;
        record.status = "invalidated";
        context.outcome(PHASE, remote, "invalidate key " + record.id, "done", null);
    }

    private CrossClusterKey key(Journal.KeyRecord record, KeyAccess access) {
        return new CrossClusterKey(record.id, record.name,
                record.expiration == null ? null : Instant.parse(record.expiration), context.alias,
                context.journal.remoteCluster, access, context.keystoreSetting());
    }

    private CreateKeyResult result(EsClient remote, PhaseResult.Outcome outcome, List<String> warnings,
            Journal.KeyRecord record) {
        KeyAccess access = record.access == null ? null : KeyAccess.fromMap(record.access);
        return new CreateKeyResult(remote.name(), context.alias, outcome, warnings, key(record, access),
                record.accessDerived, record.keystoreWritten);
    }
}
