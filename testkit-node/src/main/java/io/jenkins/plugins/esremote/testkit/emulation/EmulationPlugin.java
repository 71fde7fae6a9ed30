package io.jenkins.plugins.esremote.testkit.emulation;

import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.elasticsearch.action.ActionRequest;
import org.elasticsearch.action.ActionResponse;
import org.elasticsearch.cluster.NamedDiff;
import org.elasticsearch.cluster.metadata.IndexNameExpressionResolver;
import org.elasticsearch.cluster.metadata.Metadata;
import org.elasticsearch.cluster.node.DiscoveryNodes;
import org.elasticsearch.common.io.stream.NamedWriteableRegistry;
import org.elasticsearch.common.settings.ClusterSettings;
import org.elasticsearch.common.settings.IndexScopedSettings;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.common.settings.SettingsFilter;
import org.elasticsearch.features.NodeFeature;
import org.elasticsearch.plugins.ActionPlugin;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.rest.RestController;
import org.elasticsearch.rest.RestHandler;
import org.elasticsearch.xcontent.NamedXContentRegistry;
import org.elasticsearch.xcontent.ParseField;
import org.elasticsearch.xpack.core.ccr.action.ActivateAutoFollowPatternAction;
import org.elasticsearch.xpack.core.ccr.action.DeleteAutoFollowPatternAction;
import org.elasticsearch.xpack.core.ccr.action.FollowInfoAction;
import org.elasticsearch.xpack.core.ccr.action.FollowStatsAction;
import org.elasticsearch.xpack.core.ccr.action.GetAutoFollowPatternAction;
import org.elasticsearch.xpack.core.ccr.action.PauseFollowAction;
import org.elasticsearch.xpack.core.ccr.action.PutAutoFollowPatternAction;
import org.elasticsearch.xpack.core.ccr.action.PutFollowAction;
import org.elasticsearch.xpack.core.ccr.action.ResumeFollowAction;
import org.elasticsearch.xpack.core.ccr.action.UnfollowAction;
import org.elasticsearch.xpack.core.ml.action.CloseJobAction;
import org.elasticsearch.xpack.core.ml.action.GetDatafeedsAction;
import org.elasticsearch.xpack.core.ml.action.GetDatafeedsStatsAction;
import org.elasticsearch.xpack.core.ml.action.GetJobsAction;
import org.elasticsearch.xpack.core.ml.action.GetJobsStatsAction;
import org.elasticsearch.xpack.core.ml.action.OpenJobAction;
import org.elasticsearch.xpack.core.ml.action.PutDatafeedAction;
import org.elasticsearch.xpack.core.ml.action.PutJobAction;
import org.elasticsearch.xpack.core.ml.action.StartDatafeedAction;
import org.elasticsearch.xpack.core.ml.action.StopDatafeedAction;
import org.elasticsearch.xpack.core.transform.action.GetTransformAction;
import org.elasticsearch.xpack.core.transform.action.GetTransformStatsAction;
import org.elasticsearch.xpack.core.transform.action.PutTransformAction;
import org.elasticsearch.xpack.core.transform.action.StartTransformAction;
import org.elasticsearch.xpack.core.transform.action.StopTransformAction;

/**
 * Emulates the cross-cluster replication, transform and anomaly detection APIs that the
 * x-pack-ccr, x-pack-transform and x-pack-ml modules provide, which are not published to Maven
 * Central. Each API is registered under Elasticsearch's own action name with x-pack-core's
 * request and response classes, so x-pack security checks the real privileges and clients read
 * Elasticsearch's own JSON. Task state lives in {@link EmulationMetadata}.
 */
public class EmulationPlugin extends Plugin implements ActionPlugin {

    @Override
    public Collection<?> createComponents(PluginServices services) {
        return List.of(new EmulationStateService(services.clusterService()));
    }

    @Override
    public List<ActionHandler<? extends ActionRequest, ? extends ActionResponse>> getActions() {
        return List.of(
                new ActionHandler<>(PutAutoFollowPatternAction.INSTANCE, CcrActions.PutAutoFollowPattern.class),
                new ActionHandler<>(GetAutoFollowPatternAction.INSTANCE, CcrActions.GetAutoFollowPattern.class),
                new ActionHandler<>(ActivateAutoFollowPatternAction.INSTANCE, CcrActions.ActivateAutoFollowPattern.class),
                new ActionHandler<>(DeleteAutoFollowPatternAction.INSTANCE, CcrActions.DeleteAutoFollowPattern.class),
                new ActionHandler<>(PutFollowAction.INSTANCE, CcrActions.Follow.class),
                new ActionHandler<>(PauseFollowAction.INSTANCE, CcrActions.PauseFollow.class),
                new ActionHandler<>(ResumeFollowAction.INSTANCE, CcrActions.ResumeFollow.class),
                new ActionHandler<>(FollowInfoAction.INSTANCE, CcrActions.FollowInfo.class),
                new ActionHandler<>(FollowStatsAction.INSTANCE, CcrActions.FollowStats.class),
                new ActionHandler<>(UnfollowAction.INSTANCE, CcrActions.Unfollow.class),
                new ActionHandler<>(PutTransformAction.INSTANCE, TransformActions.Put.class),
                new ActionHandler<>(GetTransformAction.INSTANCE, TransformActions.Get.class),
                new ActionHandler<>(StartTransformAction.INSTANCE, TransformActions.Start.class),
                new ActionHandler<>(StopTransformAction.INSTANCE, TransformActions.Stop.class),
                new ActionHandler<>(GetTransformStatsAction.INSTANCE, TransformActions.Stats.class),
                new ActionHandler<>(PutJobAction.INSTANCE, MlActions.PutJob.class),
                new ActionHandler<>(GetJobsAction.INSTANCE, MlActions.GetJobs.class),
                new ActionHandler<>(OpenJobAction.INSTANCE, MlActions.OpenJob.class),
                new ActionHandler<>(CloseJobAction.INSTANCE, MlActions.CloseJob.class),
                new ActionHandler<>(GetJobsStatsAction.INSTANCE, MlActions.JobsStats.class),
                new ActionHandler<>(PutDatafeedAction.INSTANCE, MlActions.PutDatafeed.class),
                new ActionHandler<>(GetDatafeedsAction.INSTANCE, MlActions.GetDatafeeds.class),
                new ActionHandler<>(StartDatafeedAction.INSTANCE, MlActions.StartDatafeed.class),
                new ActionHandler<>(StopDatafeedAction.INSTANCE, MlActions.StopDatafeed.class),
                new ActionHandler<>(GetDatafeedsStatsAction.INSTANCE, MlActions.DatafeedsStats.class),
                new ActionHandler<>(ResetEmulationAction.INSTANCE, ResetEmulationAction.Transport.class));
    }

    @Override
    public Collection<RestHandler> getRestHandlers(
            Settings settings,
            NamedWriteableRegistry namedWriteableRegistry,
            RestController restController,
            ClusterSettings clusterSettings,
            IndexScopedSettings indexScopedSettings,
            SettingsFilter settingsFilter,
            IndexNameExpressionResolver indexNameExpressionResolver,
            Supplier<DiscoveryNodes> nodesInCluster,
            Predicate<NodeFeature> clusterSupportsFeature) {
        return EmulationRestHandlers.all();
    }

    @Override
    public List<NamedWriteableRegistry.Entry> getNamedWriteables() {
        return List.of(
                new NamedWriteableRegistry.Entry(Metadata.Custom.class, EmulationMetadata.TYPE, EmulationMetadata::new),
                new NamedWriteableRegistry.Entry(NamedDiff.class, EmulationMetadata.TYPE, EmulationMetadata::readDiffFrom));
    }

    @Override
    public List<NamedXContentRegistry.Entry> getNamedXContent() {
        return List.of(new NamedXContentRegistry.Entry(
                Metadata.Custom.class, new ParseField(EmulationMetadata.TYPE), EmulationMetadata::fromXContent));
    }
}
