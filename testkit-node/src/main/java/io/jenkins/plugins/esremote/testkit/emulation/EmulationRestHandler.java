package io.jenkins.plugins.esremote.testkit.emulation;

import java.io.IOException;
import java.util.List;
import org.elasticsearch.client.internal.node.NodeClient;
import org.elasticsearch.core.CheckedConsumer;
import org.elasticsearch.rest.BaseRestHandler;
import org.elasticsearch.rest.RestChannel;
import org.elasticsearch.rest.RestRequest;

/**
 * One REST endpoint of the emulation: a name, the routes of the real endpoint, and a function
 * that turns the request into a transport action call. Parameters the function does not read
 * are rejected by {@link BaseRestHandler}, as on a real node.
 */
final class EmulationRestHandler extends BaseRestHandler {

    /** Parses a REST request and returns what sends the transport request and writes the response. */
    @FunctionalInterface
    interface Preparer {
        CheckedConsumer<RestChannel, Exception> prepare(RestRequest request, NodeClient client) throws IOException;
    }

    private final String name;
    private final List<Route> routes;
    private final Preparer preparer;

    EmulationRestHandler(String name, List<Route> routes, Preparer preparer) {
        this.name = name;
        this.routes = List.copyOf(routes);
        this.preparer = preparer;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public List<Route> routes() {
        return routes;
    }

    @Override
    protected RestChannelConsumer prepareRequest(RestRequest request, NodeClient client) throws IOException {
        CheckedConsumer<RestChannel, Exception> consumer = preparer.prepare(request, client);
        return consumer::accept;
    }
}
