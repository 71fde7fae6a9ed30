// Configuration merging and keystore handling shared by esRemoteClusterMigration,
// esRemoteClusterRollback and esRemoteClusterCheck. Not meant to be called from a Jenkinsfile.

// Elasticsearch accepts more characters in an alias, but the alias becomes part of a keystore
// setting name passed to a shell command, so only these are accepted here.
@groovy.transform.Field
static final String ALIAS_PATTERN = '[A-Za-z0-9_-]+'

// Plain agent labels, without the operators of label expressions.
@groovy.transform.Field
static final String AGENT_LABEL_PATTERN = '[A-Za-z0-9_.-]+'

// keystore.command reaches the shell unquoted, so it may hold no quotes, '$', ';', '|' or '&',
// and its last word must be the elasticsearch-keystore tool: a prefix such as
// 'sudo -u elasticsearch' is allowed, but a command such as 'rm -rf /' is not.
@groovy.transform.Field
static final String COMMAND_PATTERN = '([A-Za-z0-9_./=-]+ +)*([A-Za-z0-9_./-]*/)?elasticsearch-keystore'

/**
 * Merges the caller's map over the defaults: nested maps are merged key by key, and a key the
 * defaults do not have is rejected so a misspelt option fails the build instead of being ignored.
 */
@NonCPS
Map merge(Map defaults, Map overrides, String path = '') {
    Map merged = [:]
    defaults.each { key, value -> merged[key] = value instanceof Map ? new LinkedHashMap(value) : value }
    overrides.each { key, value ->
        if (!defaults.containsKey(key)) {
            throw new IllegalArgumentException("Unknown option '${path}${key}'. Valid options: " +
                "${defaults.keySet().join(', ')}.")
        }
        if (defaults[key] instanceof Map && !(value instanceof Map)) {
            throw new IllegalArgumentException("Invalid option '${path}${key}': expected a map with keys " +
                "${(defaults[key] as Map).keySet().join(', ')}, got ${value}.")
        }
        if (defaults[key] instanceof Map) {
            merged[key] = merge(defaults[key] as Map, value as Map, "${path}${key}.")
        } else {
            checkType("${path}${key}", defaults[key], value)
            merged[key] = value
        }
    }
    return merged
}

/**
 * Rejects a value whose type differs from the default's: Groovy treats the string 'false' as
 * true and iterates a string given for a list character by character. Options whose default is
 * null accept any type and are checked where they are used or by the step.
 */
@NonCPS
void checkType(String option, Object defaultValue, Object value) {
    String expected = null
    if (defaultValue instanceof Boolean && !(value instanceof Boolean)) {
        expected = 'true or false, without quotes'
    } else if (defaultValue instanceof Number && !(value instanceof Number)) {
        expected = 'a number, without quotes'
    } else if (defaultValue instanceof List && !(value instanceof List)) {
        expected = "a list such as ['a', 'b']"
    } else if (defaultValue instanceof CharSequence && !(value instanceof CharSequence)) {
        expected = 'a quoted string'
    }
    if (expected != null) {
        throw new IllegalArgumentException("Invalid option '${option}': expected ${expected}, got " +
            "${value} (${value == null ? 'null' : value.getClass().simpleName}).")
    }
}

/**
 * Expands the config into one map per (local cluster, alias) target: each entry of 'targets' is
 * merged over the top-level options, or the top-level options form the only target.
 */
@NonCPS
List<Map> targets(Map config) {
    Map shared = new LinkedHashMap(config)
    shared.remove('targets')
    List<Map> entries = config.targets ?: [[:]]
    List<Map> expanded = []
    entries.eachWithIndex { Object entry, int index ->
        if (!(entry instanceof Map)) {
            throw new IllegalArgumentException("Invalid option 'targets[${index}]': expected a map such as " +
                "[alias: 'leader'], got ${entry}.")
        }
        Map target = merge(shared, entry, "targets[${index}].")
        if (!clusterName(target)) {
            throw new IllegalArgumentException("Missing option 'cluster' for targets[${index}]: name the local " +
                "cluster's connection, or give connection.url.")
        }
        if (target.alias == null) {
            throw new IllegalArgumentException("Missing option 'alias' for targets[${index}]: name the remote " +
                'cluster alias, or list one map per alias in targets.')
        }
        if (!(target.alias instanceof CharSequence) || !(target.alias ==~ ALIAS_PATTERN)) {
            throw new IllegalArgumentException("Invalid or missing alias '${target.alias}' for targets[${index}]: " +
                'use letters, digits, hyphens and underscores only.')
        }
        if (target.keystore) {
            checkKeystore(target)
        }
        expanded << target
    }
    List<String> ids = expanded.collect { id(it) }
    List<String> duplicates = ids.findAll { ids.count(it) > 1 }.unique()
    if (duplicates) {
        throw new IllegalArgumentException("Targets listed more than once: ${duplicates.join(', ')}.")
    }
    return expanded
}

/** Returns the connection options every config accepts, all unset. */
@NonCPS
Map connectionDefaults() {
    return [
        url: null,
        credentialsId: null,
        caCertificate: null,
        caFingerprint: null,
        remoteUrl: null,
        remoteCredentialsId: null,
        remoteCaCertificate: null,
        remoteCaFingerprint: null,
    ]
}

/** Returns the local cluster's connection name, or its inline URL when it has no name. */
@NonCPS
String clusterName(Map target) {
    return (target.cluster ?: target.connection?.url) as String
}

/** Returns the identity of a target, 'cluster/alias', used as the key of result maps. */
@NonCPS
String id(Map target) {
    return "${clusterName(target)}/${target.alias}".toString()
}

/**
 * Returns the arguments of a plugin step for the target: the connections, the alias and the
 * switch order, then the step's own arguments; unset values are left out so the step's defaults
 * apply.
 */
@NonCPS
Map stepArguments(Map target, Map extra = [:]) {
    Map arguments = [
        cluster: target.cluster,
        remoteCluster: target.remoteCluster,
        alias: target.alias,
        switchOrder: target.switchOrder,
    ]
    arguments.putAll(target.connection ?: [:])
    arguments.putAll(extra)
    return withoutNulls(arguments)
}

@NonCPS
Map withoutNulls(Map args) {
    return args.findAll { key, value -> value != null }
}

/**
 * Returns true when the build was aborted by a user or a timeout rather than by an error: Jenkins
 * then throws FlowInterruptedException, an InterruptedException.
 */
@NonCPS
boolean isAbort(Throwable failure) {
    return failure instanceof InterruptedException
}

/** Returns the keystore setting that holds the cross-cluster API key of the target's alias. */
@NonCPS
String keystoreSetting(Map target) {
    return "cluster.remote.${target.alias}.credentials".toString()
}

/**
 * Writes the target's key into the keystore of every local node: on agents, the key bound by
 * withCredentials goes to the keystore tool on stdin; otherwise an operator does it.
 */
void addKey(Map target) {
    Map keystore = target.keystore
    if (keystore.mode == 'agent') {
        List<String> labels = agentLabels(target)
        for (int i = 0; i < labels.size(); i++) {
            String label = labels[i]
            node(label) {
                withCredentials([string(credentialsId: target.keyCredentialsId, variable: 'ES_REMOTE_KEY')]) {
                    // Single quotes: the shell, not Groovy, expands the variable, and printf is a
                    // shell builtin, so the key is on no command line. sh runs with -x, whose trace
                    // would print the expanded key, so tracing is off for that line.
                    sh(script: 'set +x\nprintf %s "$ES_REMOTE_KEY" | ' + keystoreCommand(keystore) +
                        ' add --stdin --force ' + keystoreSetting(target))
                }
            }
            echo "Keystore entry ${keystoreSetting(target)} written on agent '${label}'"
        }
    } else {
        operatorGate(target, 'io/jenkins/plugins/esremote/keystore-add.txt', 'Keys written')
    }
}

/** Removes the target's key from the keystore of every local node, the way addKey wrote it. */
void removeKey(Map target) {
    Map keystore = target.keystore
    if (keystore.mode == 'agent') {
        List<String> labels = agentLabels(target)
        for (int i = 0; i < labels.size(); i++) {
            String label = labels[i]
            node(label) {
                String setting = keystoreSetting(target)
                String command = keystoreCommand(keystore)
                // 'list' first, so a node without the entry is not an error.
                sh(script: "if ${command} list | grep -qxF '${setting}'; then ${command} remove ${setting}; fi")
            }
            echo "Keystore entry ${keystoreSetting(target)} removed on agent '${label}'"
        }
    } else {
        operatorGate(target, 'io/jenkins/plugins/esremote/keystore-remove.txt', 'Keys removed')
    }
}

void operatorGate(Map target, String resource, String ok) {
    Map values = [
        alias: target.alias,
        cluster: clusterName(target),
        credentialsId: target.keyCredentialsId,
        command: keystoreCommand(target.keystore),
        setting: keystoreSetting(target),
    ]
    operatorAction(target, fillTemplate(libraryResource(resource), values), ok)
}

/** Stops at an input step with the instructions, outside any node, until an operator proceeds. */
void operatorAction(Map target, String instructions, String ok) {
    timeout(time: target.keystore.timeoutMinutes, unit: 'MINUTES') {
        input(message: instructions, ok: ok)
    }
}

// Checks the keystore options before any stage runs, so a bad value fails the build early.
@NonCPS
void checkKeystore(Map target) {
    if (!(target.keystore.mode in ['agent', 'operator'])) {
        throw new IllegalArgumentException("Invalid keystore.mode '${target.keystore.mode}' for ${id(target)}: " +
            "use 'agent' or 'operator'.")
    }
    checkPositive("keystore.timeoutMinutes for ${id(target)}", target.keystore.timeoutMinutes)
    keystoreCommand(target.keystore)
    if (target.keystore.mode == 'agent') {
        agentLabels(target)
    }
}

/** Rejects a timeout of zero or less, which would abort the build as soon as it waits. */
@NonCPS
void checkPositive(String option, Object value) {
    if (!(value instanceof Number) || (value as Number).doubleValue() <= 0) {
        throw new IllegalArgumentException("Invalid ${option} '${value}': give a number of minutes greater than 0.")
    }
}

@NonCPS
List<String> agentLabels(Map target) {
    List<String> labels = target.keystore.agentLabels ?: []
    if (!labels) {
        throw new IllegalArgumentException("keystore.mode is 'agent' but keystore.agentLabels is empty for " +
            "${id(target)}: list one agent label per local node, or use keystore.mode 'operator'.")
    }
    // A label expression such as 'a || b' runs on any one matching agent, so the key would reach
    // only one of those nodes: each entry must be a plain label, and each only once.
    for (Object label in labels) {
        if (!(label instanceof CharSequence) || !(label ==~ AGENT_LABEL_PATTERN)) {
            throw new IllegalArgumentException("Invalid keystore.agentLabels entry '${label}' for ${id(target)}: " +
                'give one plain agent label per local node (letters, digits, and . _ - only), not a label expression.')
        }
    }
    List<String> duplicates = labels.findAll { labels.count(it) > 1 }.unique()
    if (duplicates) {
        throw new IllegalArgumentException("keystore.agentLabels lists ${duplicates.join(', ')} more than once for " +
            "${id(target)}: list each local node's agent once.")
    }
    return labels
}

@NonCPS
String keystoreCommand(Map keystore) {
    String command = keystore.command
    if (!(command ==~ COMMAND_PATTERN)) {
        throw new IllegalArgumentException("Invalid keystore.command '${command}': give the path of " +
            'the elasticsearch-keystore tool, optionally after a prefix such as sudo -u elasticsearch ' +
            '(letters, digits, spaces, and . / _ - = only).')
    }
    return command
}

// Replaces each ${name} in one pass, so a value that itself contains ${...} stays as given.
@NonCPS
String fillTemplate(String template, Map values) {
    java.util.regex.Matcher matcher = template =~ /\$\{(\w+)\}/
    StringBuffer text = new StringBuffer()
    while (matcher.find()) {
        String name = matcher.group(1)
        String value = values.containsKey(name) ? String.valueOf(values[name]) : matcher.group()
        matcher.appendReplacement(text, java.util.regex.Matcher.quoteReplacement(value))
    }
    matcher.appendTail(text)
    return text.toString()
}
