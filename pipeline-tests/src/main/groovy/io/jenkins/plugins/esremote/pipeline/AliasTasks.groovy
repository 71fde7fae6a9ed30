package io.jenkins.plugins.esremote.pipeline

import groovy.json.JsonOutput
import groovy.json.JsonSlurper
import io.jenkins.plugins.esremote.testkit.EsNode
import org.elasticsearch.client.Request
import org.elasticsearch.client.ResponseException

/**
 * Cross-cluster work on the local cluster that reads through the alias, as a migration finds it:
 * a follower index, an auto-follow pattern, a started and a stopped transform, and an opened
 * anomaly detection job with a started datafeed. CCR, transforms and ML are testkit's emulation
 * inside the real local node, called through their real REST APIs.
 */
class AliasTasks {

    static final String LEADER_INDEX = 'orders'
    static final String FOLLOWER_INDEX = 'orders-follower'
    static final String AUTO_FOLLOW_PATTERN = 'logs'
    static final String STARTED_TRANSFORM = 'orders-by-customer'
    static final String STOPPED_TRANSFORM = 'orders-archive'
    static final String JOB = 'orders-rate'
    static final String DATAFEED = 'datafeed-orders-rate'

    private final EsNode local
    private final EsNode remote
    private final String alias

    AliasTasks(EsNode local, EsNode remote, String alias) {
        this.local = local
        this.remote = remote
        this.alias = alias
    }

    /** Creates the leader index on the remote cluster and every task on the local cluster. */
    void create() {
        send(remote, 'PUT', "/${LEADER_INDEX}/_doc/1?refresh=true",
            [customer: 'c-1', amount: 42, '@timestamp': '2026-12-01T00:00:00Z'])

        send(local, 'PUT', "/${FOLLOWER_INDEX}/_ccr/follow", [remote_cluster: alias, leader_index: LEADER_INDEX])
        send(local, 'PUT', "/_ccr/auto_follow/${AUTO_FOLLOW_PATTERN}", [
            remote_cluster: alias,
            leader_index_patterns: ['logs-*'],
            follow_index_pattern: '{{leader_index}}-copy',
        ])

        [STARTED_TRANSFORM, STOPPED_TRANSFORM].each { String id ->
            send(local, 'PUT', "/_transform/${id}?defer_validation=true", [
                source: [index: ["${alias}:${LEADER_INDEX}".toString()]],
                dest: [index: id],
                pivot: [
                    group_by: [customer: [terms: [field: 'customer']]],
                    aggregations: [total: [sum: [field: 'amount']]],
                ],
            ])
        }
        send(local, 'POST', "/_transform/${STARTED_TRANSFORM}/_start", null)

        send(local, 'PUT', "/_ml/anomaly_detectors/${JOB}", [
            analysis_config: [bucket_span: '15m', detectors: [[function: 'count']]],
            data_description: [time_field: '@timestamp'],
        ])
        send(local, 'PUT', "/_ml/datafeeds/${DATAFEED}", [job_id: JOB, indices: ["${alias}:${LEADER_INDEX}".toString()]])
        send(local, 'POST', "/_ml/anomaly_detectors/${JOB}/_open", null)
        send(local, 'POST', "/_ml/datafeeds/${DATAFEED}/_start", null)
    }

    /** Returns the state of every task, keyed by kind and id, as the task APIs report it. */
    Map<String, Object> states() {
        Map follower = send(local, 'GET', "/${FOLLOWER_INDEX}/_ccr/info", null)
        Map autoFollow = send(local, 'GET', "/_ccr/auto_follow/${AUTO_FOLLOW_PATTERN}", null)
        Map<String, Object> states = new TreeMap<>()
        states["follower ${FOLLOWER_INDEX}".toString()] = follower.follower_indices[0].status
        states["auto-follow ${AUTO_FOLLOW_PATTERN}".toString()] = autoFollow.patterns[0].pattern.active ? 'active' : 'paused'
        [STARTED_TRANSFORM, STOPPED_TRANSFORM].each { String id ->
            states["transform ${id}".toString()] = send(local, 'GET', "/_transform/${id}/_stats", null).transforms[0].state
        }
        states["job ${JOB}".toString()] = send(local, 'GET', "/_ml/anomaly_detectors/${JOB}/_stats", null).jobs[0].state
        states["datafeed ${DATAFEED}".toString()] = send(local, 'GET', "/_ml/datafeeds/${DATAFEED}/_stats", null).datafeeds[0].state
        return states
    }

    /** Sends a request as the node's superuser and returns the parsed JSON response. */
    static Map send(EsNode node, String method, String path, Map body) {
        Request request = new Request(method, path)
        if (body != null) {
            request.setJsonEntity(JsonOutput.toJson(body))
        }
        try {
            String text = node.restClient().performRequest(request).entity?.content?.getText('UTF-8')
            return text ? new JsonSlurper().parseText(text) as Map : [:]
        } catch (ResponseException e) {
            throw new IllegalStateException("${method} ${path} failed on ${node}: " +
                e.response.entity?.content?.getText('UTF-8'), e)
        }
    }
}
