// Migrates Elasticsearch remote clusters from certificate trust to cross-cluster API keys, in
// place and keeping each alias, one stage per phase so the person watching the build sees where
// it is. See esRemoteClusterMigration.txt for every option.

def call(Map userConfig = [:]) {
    Map config = esRemoteClusterSupport.merge(defaultConfig(), userConfig)
    List<Map> targets = esRemoteClusterSupport.targets(config)
    checkApproval(config.approval)
    // keystoreTargets: ids of the targets whose key may have reached a keystore in this build.
    Map progress = [started: false, keystoreTargets: [], awaitingApproval: false]
    Map results = [:]
    for (int i = 0; i < targets.size(); i++) {
        Map target = targets[i]
        results[esRemoteClusterSupport.id(target)] = [:]
    }

    try {
        runPhases(config, targets, progress, results)
    } catch (Throwable failure) {
        handleFailure(config, targets, progress, failure)
        throw failure
    }
    return results
}

// Returns the defaults, one comment per option; the caller's map is merged over them.
Map defaultConfig() {
    return [
        // The (local cluster, alias) pairs to migrate. Each entry is a map that may override any
        // option below; an empty list means the top-level options form the only target.
        targets: [],
        // Name of the local cluster's connection under "Elasticsearch clusters".
        cluster: null,
        // Name of the remote cluster's connection under "Elasticsearch clusters".
        remoteCluster: null,
        // The remote cluster alias on the local cluster; it keeps its name.
        alias: null,
        // Inline connection parameters passed to every step instead of or beside the names
        // above: url, credentialsId, caCertificate, caFingerprint and their remote* variants.
        connection: esRemoteClusterSupport.connectionDefaults(),
        // 'reload-and-repoint' (8.13+) or 'documented'; null lets the plan choose by version.
        switchOrder: null,
        // The cross-cluster API key created on the remote cluster.
        key: [
            // Secret text credential that receives the key; null means '<prefix><alias>'.
            credentialsId: null,
            // 'folder' (the job's nearest folder) or 'system' (when an administrator allows it).
            credentialsStore: null,
            // API key name; null means 'remote-cluster-<alias>'.
            name: null,
            // Access map ([search: [[names: [...]]], replication: [...]]); null derives it from
            // what the local cluster searches and replicates through the alias.
            access: null,
            // Elasticsearch time value such as '90d'; null for a key that never expires.
            expiration: null,
        ],
        // Role grants for esGrantRemotePrivileges ([[role: 'r', copyFrom: ['remote_role']]]);
        // null changes no role.
        grants: null,
        // How the alias is re-pointed at the remote cluster server port.
        reconnect: [
            // 'proxy' or 'sniff'; null means proxy.
            mode: null,
            // host:port of the remote cluster server; null uses its publish address.
            addresses: null,
            // TLS server name for proxy mode; null sends none.
            serverName: null,
            // Check the address under a temporary alias before the switch (reload-and-repoint only).
            checkRemotePort: true,
        ],
        // What the verify stage checks besides the connection and its credentials.
        verify: [
            // A remote index searched through the alias; null skips the probe search.
            probeIndex: null,
            // Warn when the key expires within this many days; null means the step's default.
            keyExpiryWarningDays: null,
        ],
        // How the key reaches every local node's keystore.
        keystore: [
            // 'agent': run the keystore command on agents; 'operator': stop at an input step
            // that tells an operator what to run on each node.
            mode: 'operator',
            // One agent label per local node (agent mode): the command runs in node(label).
            agentLabels: [],
            // The keystore tool on those agents, run as `<command> add --stdin --force <name>`.
            command: 'elasticsearch-keystore',
            // Minutes an operator has to act (keystore or restart) before the build aborts.
            timeoutMinutes: 120,
        ],
        // The approval before certificate access is disabled on the remote clusters.
        approval: [
            // false ends the migration after resuming tasks, leaving certificate access enabled.
            enabled: true,
            // Comma-separated users or groups allowed to approve (input's submitter); null lets
            // anyone with Job/Build permission approve.
            submitter: null,
            // Minutes to wait for a decision before the build aborts.
            timeoutMinutes: 240,
        ],
        // What disabling certificate access does on the remote cluster.
        certificateAccess: [
            // Set the transport IP filter so only 'allow' may connect to the transport port.
            ipFilter: true,
            // Addresses still allowed; null means the remote's own transport addresses.
            allow: null,
            // Remote roles that served only cross-cluster work, deleted after approval.
            deleteRoles: null,
        ],
        // Roll every target back from its journal when a stage fails or the build is aborted
        // before the approval.
        rollbackOnFailure: false,
        // Also roll back when the approval is declined or times out; by default the migrated
        // API-key connection stays and certificate access is left untouched.
        rollbackOnDeclinedApproval: false,
        // Invalidate the created key on the remote cluster when rolling back.
        invalidateKeyOnRollback: true,
    ]
}

void runPhases(Map config, List<Map> targets, Map progress, Map results) {
    stage('Preflight and plan') {
        for (int i = 0; i < targets.size(); i++) {
            Map target = targets[i]
            Map plan = esPlanMigration(planArguments(target))
            resultOf(results, target).plan = plan
            echo "Plan for ${describe(target)}: switch order ${plan.switchOrder} (${plan.switchOrderReason})"
            if (!plan.ready) {
                error("${describe(target)} is not ready to migrate: ${plan.blockers.join('; ')}")
            }
        }
    }
    progress.started = true

    stage('Create cross-cluster API keys') {
        for (int i = 0; i < targets.size(); i++) {
            Map target = targets[i]
            Map key = esCreateCrossClusterKey(keyArguments(target))
            target.keyCredentialsId = key.credentialsId
            resultOf(results, target).key = key
            echo "Key ${key.keyId} for ${describe(target)} stored in credential ${key.credentialsId} " +
                "(${key.credentialAction})"
        }
    }

    stage('Pause cross-cluster tasks') {
        for (int i = 0; i < targets.size(); i++) {
            Map target = targets[i]
            resultOf(results, target).paused = esPauseRemoteTasks(esRemoteClusterSupport.stepArguments(target))
        }
    }

    stage('Grant remote privileges to roles') {
        for (int i = 0; i < targets.size(); i++) {
            Map target = targets[i]
            Map grantArguments = esRemoteClusterSupport.stepArguments(target, [grants: target.grants])
            resultOf(results, target).privileges = esGrantRemotePrivileges(grantArguments)
        }
    }

    stage('Record and disconnect certificate remotes') {
        for (int i = 0; i < targets.size(); i++) {
            Map target = targets[i]
            resultOf(results, target).disconnect = esDisconnectRemote(esRemoteClusterSupport.stepArguments(target))
        }
    }

    stage('Write keys to local keystores') {
        for (int i = 0; i < targets.size(); i++) {
            Map target = targets[i]
            progress.keystoreTargets << esRemoteClusterSupport.id(target)
            esRemoteClusterSupport.addKey(target)
            Map reload = esReloadSecureSettings(esRemoteClusterSupport.stepArguments(target))
            resultOf(results, target).reload = reload
            if (reload.outcome == 'action-required') {
                esRemoteClusterSupport.operatorAction(target, reload.instructions as String, 'Nodes restarted')
            }
        }
    }

    stage('Reconnect remotes with API keys') {
        for (int i = 0; i < targets.size(); i++) {
            Map target = targets[i]
            Map reconnect = esReconnectRemote(esRemoteClusterSupport.stepArguments(target, target.reconnect))
            resultOf(results, target).reconnect = reconnect
        }
    }

    stage('Verify remote connections') {
        for (int i = 0; i < targets.size(); i++) {
            Map target = targets[i]
            Map verified = esVerifyRemote(esRemoteClusterSupport.stepArguments(target, target.verify))
            resultOf(results, target).verify = verified
            echo "Verified ${describe(target)}: connected ${verified.connected}, " +
                "API key credentials ${verified.clusterCredentials}"
        }
    }

    stage('Resume cross-cluster tasks') {
        for (int i = 0; i < targets.size(); i++) {
            Map target = targets[i]
            resultOf(results, target).resumed = esResumeRemoteTasks(esRemoteClusterSupport.stepArguments(target))
        }
    }

    if (!config.approval.enabled) {
        echo 'Approval disabled: certificate access stays enabled on the remote clusters.'
        return
    }
    String approver = approve(config, targets, progress)

    stage('Disable certificate access') {
        for (int i = 0; i < targets.size(); i++) {
            Map target = targets[i]
            Map disableArguments = esRemoteClusterSupport.stepArguments(target, target.certificateAccess + [
                approvedBy: approver,
            ])
            resultOf(results, target).certificateAccess = esDisableCertificateAccess(disableArguments)
        }
    }
}

// Stops at an input step, outside any node so no executor is held while waiting, and returns
// the user who approved.
String approve(Map config, List<Map> targets, Map progress) {
    String approver = null
    stage('Approve disabling certificate access') {
        Map inputArguments = [
            message: "All remotes now use API keys (${describeAll(targets)}). " +
                'Disable certificate-based access on the remote clusters?',
            ok: 'Disable certificate access',
            submitterParameter: 'approver',
        ]
        if (config.approval.submitter) {
            inputArguments.submitter = config.approval.submitter
        }
        progress.awaitingApproval = true
        timeout(time: config.approval.timeoutMinutes, unit: 'MINUTES') {
            approver = input(inputArguments)
        }
        progress.awaitingApproval = false
        echo "Disabling certificate access approved by ${approver}"
    }
    return approver
}

void handleFailure(Map config, List<Map> targets, Map progress, Throwable failure) {
    boolean declined = progress.awaitingApproval && esRemoteClusterSupport.isAbort(failure)
    boolean rollback = declined ? config.rollbackOnDeclinedApproval : config.rollbackOnFailure
    if (declined) {
        echo 'Approval declined or timed out: certificate access on the remote clusters is unchanged.'
    }
    if (!progress.started) {
        return
    }
    if (!rollback) {
        if (!declined) {
            echo "Migration stopped: ${failure.message ?: failure}. Run esRemoteClusterRollback to undo it, " +
                'or re-run this job to continue from the journal.'
        }
        return
    }

    echo "Migration stopped: ${failure.message ?: failure}. Rolling back ${targets.size()} target(s) " +
        'from their journals.'
    stage('Roll back') {
        for (int i = 0; i < targets.size(); i++) {
            Map target = targets[i]
            try {
                // In agent mode the removal is cheap and skips nodes without the entry, so it
                // also covers a key written by an earlier build of this job.
                if (esRemoteClusterSupport.id(target) in progress.keystoreTargets || target.keystore.mode == 'agent') {
                    esRemoteClusterSupport.removeKey(target)
                }
                Map rolledBack = esRollbackRemote(esRemoteClusterSupport.stepArguments(target, [
                    keystoreEntryRemoved: true,
                    invalidateKey: target.invalidateKeyOnRollback,
                ]))
                if (rolledBack.outcome == 'action-required') {
                    echo "Rollback of ${describe(target)} is not complete: ${rolledBack.instructions}. " +
                        'Then run esRemoteClusterRollback for it.'
                } else {
                    echo "Rolled back ${describe(target)}"
                }
            } catch (Throwable rollbackFailure) {
                failure.addSuppressed(rollbackFailure)
                // An abort (the operator declined a key removal, or a timeout) stops the whole
                // rollback instead of prompting again for the next target.
                if (esRemoteClusterSupport.isAbort(rollbackFailure)) {
                    echo "Rollback aborted at ${describe(target)}: it and the targets after it are not " +
                        'rolled back. Run esRemoteClusterRollback for them.'
                    break
                }
                echo "Rollback of ${describe(target)} failed: ${rollbackFailure.message ?: rollbackFailure}. " +
                    'Run esRemoteClusterRollback for it once the cause is fixed.'
            }
        }
    }
}

@NonCPS
void checkApproval(Map approval) {
    esRemoteClusterSupport.checkPositive('approval.timeoutMinutes', approval.timeoutMinutes)
    if (approval.submitter != null && !(approval.submitter instanceof CharSequence)) {
        throw new IllegalArgumentException("Invalid approval.submitter '${approval.submitter}': give one string " +
            "of comma-separated users or groups, such as 'alice,es-admins'.")
    }
}

@NonCPS
Map planArguments(Map target) {
    Map key = target.key
    // The plan takes the reconnect address options but not checkRemotePort, which only reconnect runs.
    Map reconnect = target.reconnect.findAll { name, value -> name != 'checkRemotePort' }
    return esRemoteClusterSupport.stepArguments(target, reconnect + [
        keyName: key.name,
        access: key.access,
        expiration: key.expiration,
        grants: target.grants,
    ])
}

@NonCPS
Map keyArguments(Map target) {
    Map key = target.key
    return esRemoteClusterSupport.stepArguments(target, [
        keyCredentialsId: key.credentialsId,
        credentialsStore: key.credentialsStore,
        keyName: key.name,
        access: key.access,
        expiration: key.expiration,
    ])
}

@NonCPS
Map resultOf(Map results, Map target) {
    return results[esRemoteClusterSupport.id(target)]
}

@NonCPS
String describe(Map target) {
    return "alias '${target.alias}' on ${esRemoteClusterSupport.clusterName(target)}"
}

@NonCPS
String describeAll(List<Map> targets) {
    return targets.collect { describe(it) }.join(', ')
}
