package io.jenkins.plugins.esremote.testkit.emulation;

import java.io.IOException;
import org.elasticsearch.action.ActionListener;
import org.elasticsearch.action.ActionRequest;
import org.elasticsearch.action.ActionRequestValidationException;
import org.elasticsearch.action.ActionType;
import org.elasticsearch.action.support.ActionFilters;
import org.elasticsearch.action.support.master.AcknowledgedResponse;
import org.elasticsearch.common.io.stream.StreamInput;
import org.elasticsearch.injection.guice.Inject;
import org.elasticsearch.tasks.Task;
import org.elasticsearch.transport.TransportService;

/**
 * Removes every emulated task from cluster state ({@code POST /_testkit/emulation/_reset}). The
 * action name is under {@code cluster:admin/}, so it needs the {@code manage} cluster privilege.
 * Follower indices themselves stay: they are ordinary local indices once their entry is gone.
 */
public final class ResetEmulationAction extends ActionType<AcknowledgedResponse> {

    public static final String NAME = "cluster:admin/testkit/emulation/reset";
    public static final ResetEmulationAction INSTANCE = new ResetEmulationAction();

    private ResetEmulationAction() {
        super(NAME);
    }

    /** The reset request; it has no parameters. */
    public static final class Request extends ActionRequest {

        public Request() {}

        public Request(StreamInput in) throws IOException {
            super(in);
        }

        @Override
        public ActionRequestValidationException validate() {
            return null;
        }
    }

    /** Replaces the emulation section with an empty one through one master task. */
    public static final class Transport extends EmulatedTransportAction<Request, AcknowledgedResponse> {

        @Inject
        public Transport(TransportService transportService, ActionFilters actionFilters, EmulationStateService emulation) {
            super(NAME, transportService, actionFilters, Request::new, emulation);
        }

        @Override
        protected void doExecute(Task task, Request request, ActionListener<AcknowledgedResponse> listener) {
            emulation.update(
                    "reset-emulation",
                    (current, state) -> EmulationMetadata.EMPTY,
                    listener.map(ignored -> AcknowledgedResponse.TRUE));
        }
    }
}
