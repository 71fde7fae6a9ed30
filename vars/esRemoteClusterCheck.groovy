// Verifies many remote cluster aliases, typically from a nightly job: one JUnit test case per
// alias in a report the junit step publishes, the build marked UNSTABLE or FAILURE when an alias
// fails, and a warning for keys close to expiry. See esRemoteClusterCheck.txt for every option.

def call(Map userConfig = [:]) {
    Map config = esRemoteClusterSupport.merge(defaultConfig(), userConfig)
    List<Map> targets = esRemoteClusterSupport.targets(expandAliases(config))
    List<Map> outcomes = []

    stage('Verify remote connections') {
        for (int i = 0; i < targets.size(); i++) {
            Map target = targets[i]
            outcomes << verify(target)
        }
    }

    stage('Publish report') {
        writeFile(file: config.reportFile, text: junitReport(config.suiteName, outcomes))
        junit(testResults: config.reportFile, allowEmptyResults: false)
    }

    List<String> failed = idsOf(outcomes, 'failure')
    List<String> expiring = idsOf(outcomes, 'warning')
    for (int i = 0; i < outcomes.size(); i++) {
        Map outcome = outcomes[i]
        if (outcome.warning) {
            echo "WARNING: ${outcome.id}: ${outcome.warning}"
        }
    }
    if (failed) {
        String summary = "${failed.size()} of ${outcomes.size()} remote cluster alias(es) failed " +
            "verification: ${failed.join(', ')}"
        if (config.failedResult == 'FAILURE') {
            error(summary)
        }
        unstable(summary)
    } else if (expiring && config.unstableOnExpiringKey) {
        unstable("Cross-cluster API keys expire within ${config.keyExpiryWarningDays} days: ${expiring.join(', ')}")
    }
    return outcomes
}

// Returns the defaults, one comment per option; the caller's map is merged over them.
Map defaultConfig() {
    return [
        // (local cluster, alias) pairs to verify; each entry is a map that may override the
        // options below.
        targets: [],
        // Name of the local cluster's connection under "Elasticsearch clusters".
        cluster: null,
        // Name of the remote cluster's connection; passed on to the verify step.
        remoteCluster: null,
        // Inline connection parameters passed to every step instead of or beside the names
        // above: url, credentialsId, caCertificate, caFingerprint and their remote* variants.
        connection: esRemoteClusterSupport.connectionDefaults(),
        // One alias to verify; use 'aliases' for several on the same local cluster.
        alias: null,
        // Aliases on 'cluster' to verify, each becoming one target.
        aliases: [],
        // A remote index searched through each alias; null skips the probe search.
        probeIndex: null,
        // Workspace path of the JUnit XML report.
        reportFile: 'es-remote-clusters.xml',
        // Name of the JUnit test suite in the report.
        suiteName: 'Elasticsearch remote clusters',
        // Build result when an alias fails: 'UNSTABLE' or 'FAILURE'.
        failedResult: 'UNSTABLE',
        // Days before a key's expiry from which the check warns.
        keyExpiryWarningDays: 14,
        // Mark the build UNSTABLE when a key expires within keyExpiryWarningDays.
        unstableOnExpiringKey: true,
    ]
}

// Returns the ids of the outcomes that have the given entry set.
@NonCPS
List<String> idsOf(List<Map> outcomes, String entry) {
    return outcomes.findAll { it[entry] }.collect { it.id }
}

@NonCPS
Map expandAliases(Map config) {
    if (!(config.failedResult in ['UNSTABLE', 'FAILURE'])) {
        throw new IllegalArgumentException("Invalid failedResult '${config.failedResult}': use 'UNSTABLE' or 'FAILURE'.")
    }
    if (config.alias != null && (config.aliases || config.targets)) {
        // The top-level alias would only be a default for the entries, so it would not be checked.
        throw new IllegalArgumentException("Option 'alias' ('${config.alias}') is ignored when 'aliases' or " +
            "'targets' is given: add it to aliases instead.")
    }
    Map expanded = new LinkedHashMap(config)
    List<Map> entries = new ArrayList(config.targets ?: [])
    for (String alias in (config.aliases ?: [])) {
        entries << [alias: alias]
    }
    expanded.targets = entries
    expanded.remove('aliases')
    return expanded
}

// Verifies one target and returns its outcome; a failure is recorded, not thrown, so every
// alias gets checked.
Map verify(Map target) {
    Map outcome = [id: esRemoteClusterSupport.id(target), cluster: esRemoteClusterSupport.clusterName(target),
        alias: target.alias]
    long started = System.currentTimeMillis()
    try {
        Map verified = esVerifyRemote(esRemoteClusterSupport.stepArguments(target, [
            probeIndex: target.probeIndex,
            keyExpiryWarningDays: target.keyExpiryWarningDays,
            failOnProblems: false,
        ]))
        outcome.details = [connected: verified.connected, clusterCredentials: verified.clusterCredentials,
                           keyExpiration: verified.keyExpiration]
        outcome.warning = expiryWarning(verified, target.keyExpiryWarningDays as int)
        if (!verified.ok) {
            outcome.failure = (verified.problems ?: ['verification failed']).join('; ')
        }
    } catch (Exception failure) {
        // An abort or a timeout ends the build: recording it as a failed alias would check the
        // remaining aliases of a build the user stopped and report it as UNSTABLE.
        if (esRemoteClusterSupport.isAbort(failure)) {
            throw failure
        }
        outcome.failure = failure.message ?: failure.toString()
    }
    echo "${outcome.id}: ${outcome.failure ? "FAILED: ${outcome.failure}" : 'verified'}"
    outcome.seconds = (System.currentTimeMillis() - started) / 1000.0
    return outcome
}

// Returns a warning when the verified key expires within the given days, otherwise null.
@NonCPS
String expiryWarning(Map verified, int warningDays) {
    Object expiresAt = verified?.keyExpiration
    if (expiresAt == null) {
        return null
    }
    long expiryMillis = expiresAt instanceof Number ? (expiresAt as long) :
        java.time.Instant.parse(expiresAt.toString()).toEpochMilli()
    long daysLeft = Math.floorDiv(expiryMillis - System.currentTimeMillis(), 86_400_000L)
    if (daysLeft > warningDays) {
        return null
    }
    return daysLeft < 0 ? "cross-cluster API key expired on ${expiresAt}" :
        "cross-cluster API key expires in ${daysLeft} day(s), on ${expiresAt}"
}

@NonCPS
String junitReport(String suiteName, List<Map> outcomes) {
    int failures = outcomes.count { it.failure } as int
    StringBuilder xml = new StringBuilder('<?xml version="1.0" encoding="UTF-8"?>\n')
    xml << "<testsuite name=\"${xmlEscape(suiteName)}\" tests=\"${outcomes.size()}\" failures=\"${failures}\" errors=\"0\">\n"
    for (int i = 0; i < outcomes.size(); i++) {
        Map outcome = outcomes[i]
        xml << "  <testcase classname=\"${xmlEscape(outcome.cluster)}\" name=\"${xmlEscape(outcome.alias)}\" " +
            "time=\"${outcome.seconds}\">\n"
        if (outcome.failure) {
            xml << "    <failure message=\"${xmlEscape(outcome.failure)}\"/>\n"
        }
        List<String> output = []
        if (outcome.details) {
            output << "verified: ${outcome.details}".toString()
        }
        if (outcome.warning) {
            output << "WARNING: ${outcome.warning}".toString()
        }
        if (output) {
            xml << "    <system-out>${xmlEscape(output.join('\n'))}</system-out>\n"
        }
        xml << '  </testcase>\n'
    }
    xml << '</testsuite>\n'
    return xml.toString()
}

/**
 * Escapes text for an XML 1.0 attribute or element. Line breaks and tabs become character
 * references so attribute values keep them, and characters XML 1.0 forbids (other control
 * characters, lone surrogates, U+FFFE and U+FFFF) become U+FFFD, since no reference can carry them.
 */
@NonCPS
String xmlEscape(Object text) {
    String value = String.valueOf(text)
    StringBuilder escaped = new StringBuilder(value.length())
    for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i)
        if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
            escaped.append(c).append(value.charAt(i + 1))
            i++
            continue
        }
        switch (c) {
            case '&': escaped.append('&amp;'); break
            case '<': escaped.append('&lt;'); break
            case '>': escaped.append('&gt;'); break
            case '"': escaped.append('&quot;'); break
            case "'": escaped.append('&apos;'); break
            case '\n': escaped.append('&#10;'); break
            case '\r': escaped.append('&#13;'); break
            case '\t': escaped.append('&#9;'); break
            default:
                boolean forbidden = c < 0x20 || Character.isSurrogate(c) || c == 0xFFFE || c == 0xFFFF
                escaped.append(forbidden ? '\uFFFD' : c)
        }
    }
    return escaped.toString()
}
