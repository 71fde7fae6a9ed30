package io.jenkins.plugins.esremote.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import hudson.model.Result;
import io.jenkins.plugins.esremote.config.EsClusterConnection;
import io.jenkins.plugins.esremote.config.EsClustersConfiguration;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * Checks what only a real Jenkins shows: the Snippet Generator forms, the system configuration
 * page and Pipeline's own argument binding.
 *
 * <p>NOTE: this class compiles only in plugin/jenkins-build, where the Jenkins repository is
 * reachable; the default build cannot run it.
 */
@WithJenkins
class RealJenkinsStepsTest {

    @Test
    void verifyStepFormRoundTrip(JenkinsRule r) throws Exception {
        EsVerifyRemoteStep step = new EsVerifyRemoteStep("leader");
        step.setCluster("prod-local");
        step.setProbeIndex("logs-1");
        step.setKeyExpiryWarningDays(7);
        step.setFailOnProblems(false);

        EsVerifyRemoteStep roundTripped = new StepConfigTester(r).configRoundTrip(step);

        r.assertEqualDataBoundBeans(step, roundTripped);
    }

    @Test
    void keyStepFormRoundTrip(JenkinsRule r) throws Exception {
        EsCreateCrossClusterKeyStep step = new EsCreateCrossClusterKeyStep("leader");
        step.setCluster("prod-local");
        step.setRemoteCluster("prod-remote");
        step.setKeyCredentialsId("es-ccs-leader");
        step.setExpiration("90d");

        EsCreateCrossClusterKeyStep roundTripped = new StepConfigTester(r).configRoundTrip(step);

        r.assertEqualDataBoundBeans(step, roundTripped);
    }

    @Test
    void globalConfigurationSurvivesTheForm(JenkinsRule r) throws Exception {
        EsClusterConnection prod = new EsClusterConnection("prod", "https://es1:9200", "es-admin");
        prod.setCaFingerprint("ab".repeat(32));
        EsClustersConfiguration.get().setClusters(List.of(prod));
        EsClustersConfiguration.get().setCredentialsIdPrefix("team-es-");

        r.configRoundtrip();

        EsClustersConfiguration after = EsClustersConfiguration.get();
        assertEquals("team-es-", after.getCredentialsIdPrefix());
        assertEquals(1, after.getClusters().size());
        r.assertEqualDataBoundBeans(prod, after.getClusters().get(0));
    }

    @Test
    void unknownClusterFailsTheBuild(JenkinsRule r) throws Exception {
        WorkflowJob job = r.jenkins.createProject(WorkflowJob.class, "p");
        job.setDefinition(new CpsFlowDefinition("esVerifyRemote(alias: 'leader', cluster: 'nope')", true));

        WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE, job);

        r.assertLogContains("No Elasticsearch cluster connection named 'nope'", build);
    }

    @Test
    void unknownParameterFailsTheBuild(JenkinsRule r) throws Exception {
        WorkflowJob job = r.jenkins.createProject(WorkflowJob.class, "p");
        job.setDefinition(new CpsFlowDefinition("esPauseRemoteTasks(alias: 'leader', clusterName: 'x')", true));

        WorkflowRun build = r.buildAndAssertStatus(Result.FAILURE, job);

        r.assertLogContains("clusterName", build);
    }
}
