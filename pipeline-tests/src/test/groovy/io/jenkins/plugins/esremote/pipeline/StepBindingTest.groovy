package io.jenkins.plugins.esremote.pipeline

import static org.junit.jupiter.api.Assertions.assertEquals
import static org.junit.jupiter.api.Assertions.assertThrows
import static org.junit.jupiter.api.Assertions.assertTrue

import io.jenkins.plugins.esremote.steps.EsReconnectRemoteStep
import io.jenkins.plugins.esremote.steps.EsVerifyRemoteStep
import org.junit.jupiter.api.Test

/** How the harness builds the plugin's steps from the named arguments of a Pipeline call. */
class StepBindingTest {

    @Test
    void discoversEveryPluginStep() {
        Set<String> names = PluginSteps.discover().descriptors().keySet()

        assertEquals([
            'esCreateCrossClusterKey', 'esDisableCertificateAccess', 'esDisconnectRemote',
            'esGrantRemotePrivileges', 'esPauseRemoteTasks', 'esPlanMigration', 'esReconnectRemote',
            'esReloadSecureSettings', 'esResumeRemoteTasks', 'esRollbackRemote', 'esVerifyRemote',
        ] as Set, names)
    }

    @Test
    void unknownArgumentIsRejected() {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException) {
            DescribableInstantiator.instantiate(EsVerifyRemoteStep, [alias: 'leader', cluster: 'es-local', probe: 'x'])
        }

        assertTrue(failure.message.contains('Unknown parameter(s) [probe]'), failure.message)
        assertTrue(failure.message.contains('probeIndex'), failure.message)
    }

    @Test
    void constructorAndSettersAreBound() {
        String alias = 'lead'
        EsVerifyRemoteStep step = DescribableInstantiator.instantiate(EsVerifyRemoteStep, [
            alias: "${alias}er",
            cluster: 'es-local',
            keyExpiryWarningDays: 7L,
            failOnProblems: false,
        ])

        assertEquals('leader', step.alias)
        assertEquals('es-local', step.cluster)
        assertEquals(7, step.keyExpiryWarningDays)
        assertEquals(false, step.failOnProblems)
    }

    @Test
    void listArgumentIsCoerced() {
        EsReconnectRemoteStep step = DescribableInstantiator.instantiate(EsReconnectRemoteStep, [
            alias: 'leader', cluster: 'es-local', addresses: ['127.0.0.1:9443'], mode: 'proxy',
        ])

        assertEquals(['127.0.0.1:9443'], step.addresses)
        assertEquals('proxy', step.mode)
    }

    @Test
    void invalidValueNamesParameter() {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException) {
            DescribableInstantiator.instantiate(EsVerifyRemoteStep, [alias: 'leader', keyExpiryWarningDays: [1]])
        }

        assertTrue(failure.message.contains('EsVerifyRemoteStep.keyExpiryWarningDays'), failure.message)
    }
}
