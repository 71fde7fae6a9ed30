package io.jenkins.plugins.esremote.testkit.emulation;

import org.elasticsearch.action.ActionRequest;
import org.elasticsearch.action.ActionResponse;
import org.elasticsearch.action.support.ActionFilters;
import org.elasticsearch.action.support.HandledTransportAction;
import org.elasticsearch.common.io.stream.Writeable;
import org.elasticsearch.common.util.concurrent.EsExecutors;
import org.elasticsearch.transport.TransportService;

/**
 * Base of the emulated transport actions. Registering under Elasticsearch's own action name
 * puts every request through the node's action filters, so x-pack security authorizes it with
 * the privileges the real action needs before {@code doExecute} runs.
 */
abstract class EmulatedTransportAction<Request extends ActionRequest, Response extends ActionResponse>
        extends HandledTransportAction<Request, Response> {

    protected final EmulationStateService emulation;

    EmulatedTransportAction(
            String actionName,
            TransportService transportService,
            ActionFilters actionFilters,
            Writeable.Reader<Request> requestReader,
            EmulationStateService emulation) {
        super(actionName, transportService, actionFilters, requestReader, EsExecutors.DIRECT_EXECUTOR_SERVICE);
        this.emulation = emulation;
    }
}
