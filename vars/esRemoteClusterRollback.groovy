// Rolls remote cluster aliases back to certificate trust from their migration journals: removes
// the key from every local node's keystore, then restores the original remote settings, role
// privileges and tasks. See esRemoteClusterRollback.txt for every option.

def call(Map userConfig = [:]) {
    Map config = esRemoteClusterSupport.merge(defaultConfig(), userConfig)
    List<Map> targets = esRemoteClusterSupport.targets(config)
    Map results = [:]

    stage('Remove keys from local keystores') {
        for (int i = 0; i < targets.size(); i++) {
            Map target = targets[i]
            esRemoteClusterSupport.removeKey(target)
        }
    }

    stage('Roll back from the journal') {
        for (int i = 0; i < targets.size(); i++) {
            Map target = targets[i]
            Map rolledBack = esRollbackRemote(esRemoteClusterSupport.stepArguments(target, [
                keystoreEntryRemoved: true,
                invalidateKey: target.invalidateKey,
            ]))
            results[esRemoteClusterSupport.id(target)] = rolledBack
            String described = "alias '${target.alias}' on ${esRemoteClusterSupport.clusterName(target)}"
            if (rolledBack.outcome == 'action-required') {
                // The other targets still roll back; the build shows that this one needs a person.
                unstable("Rollback of ${described} is not complete: ${rolledBack.instructions}. " +
                    'Then run esRemoteClusterRollback again.')
            } else {
                echo "Rolled back ${described}: ${rolledBack.outcome}"
            }
        }
    }
    return results
}

// Returns the defaults, one comment per option; the caller's map is merged over them.
Map defaultConfig() {
    return [
        // The (local cluster, alias) pairs to roll back; each entry is a map that may override
        // the options below. A migration journal must exist for each pair.
        targets: [],
        // Name of the local cluster's connection under "Elasticsearch clusters".
        cluster: null,
        // Name of the remote cluster's connection; needed to invalidate the key and to undo a
        // disabled certificate access.
        remoteCluster: null,
        // The remote cluster alias to roll back.
        alias: null,
        // Inline connection parameters passed to every step instead of or beside the names
        // above: url, credentialsId, caCertificate, caFingerprint and their remote* variants.
        connection: esRemoteClusterSupport.connectionDefaults(),
        // 'reload-and-repoint' (8.13+) or 'documented'; null lets the journal decide.
        switchOrder: null,
        // Invalidate the migration's cross-cluster API key on the remote cluster.
        invalidateKey: true,
        // How the key is removed from every local node's keystore before the rollback.
        keystore: [
            // 'agent': run the keystore command on agents; 'operator': stop at an input step
            // that tells an operator what to run on each node.
            mode: 'operator',
            // One agent label per local node (agent mode): the command runs in node(label).
            agentLabels: [],
            // The keystore tool on those agents, run as `<command> remove <name>`.
            command: 'elasticsearch-keystore',
            // Minutes an operator has to edit the keystores before the build aborts.
            timeoutMinutes: 120,
        ],
    ]
}
