package io.jenkins.plugins.esremote.engine;

import java.util.List;
import java.util.Map;

/**
 * Result of {@code disconnect}, {@code reloadSecureSettings} or {@code reconnect}: the alias's
 * settings and credentials before and after. {@code outageMillis}, set by {@code reconnect}, ends at the first
 * {@code _remote/info} that shows the alias connected. Under the reload-and-repoint order it starts
 * when the reload request is sent, so it is an upper bound; under the documented order it starts
 * when {@code disconnect} removed the alias.
 */
public final class SettingsResult extends PhaseResult {

    private final SwitchOrder switchOrder;
    private final Map<String, Object> settingsBefore;
    private final Map<String, Object> settingsAfter;
    private final Map<String, Object> reload;
    private final Boolean connected;
    private final Boolean clusterCredentials;
    private final Long outageMillis;
    private final String instructions;

    SettingsResult(Phase phase, String cluster, String alias, Outcome outcome,
            List<String> warnings, SwitchOrder switchOrder, Map<String, Object> settingsBefore,
            Map<String, Object> settingsAfter, Map<String, Object> reload, Boolean connected,
            Boolean clusterCredentials, Long outageMillis, String instructions) {
        super(phase, cluster, alias, outcome, warnings);
        this.switchOrder = switchOrder;
        this.settingsBefore = settingsBefore;
        this.settingsAfter = settingsAfter;
        this.reload = reload;
        this.connected = connected;
        this.clusterCredentials = clusterCredentials;
        this.outageMillis = outageMillis;
        this.instructions = instructions;
    }

    public SwitchOrder switchOrder() {
        return switchOrder;
    }

    public Map<String, Object> settingsBefore() {
        return settingsBefore;
    }

    public Map<String, Object> settingsAfter() {
        return settingsAfter;
    }

    /** Per-node reload outcome, or {@code null} when no reload ran. */
    public Map<String, Object> reload() {
        return reload;
    }

    public Boolean connected() {
        return connected;
    }

    public Boolean clusterCredentials() {
        return clusterCredentials;
    }

    public Long outageMillis() {
        return outageMillis;
    }

    /** Returns what the operator must do next when the outcome is {@code ACTION_REQUIRED}. */
    public String instructions() {
        return instructions;
    }

    @Override
    void addDetails(Map<String, Object> map) {
        map.put("switchOrder", switchOrder == null ? null : switchOrder.id());
        map.put("settingsBefore", settingsBefore);
        map.put("settingsAfter", settingsAfter);
        map.put("reload", reload);
        map.put("connected", connected);
        map.put("clusterCredentials", clusterCredentials);
        map.put("outageMillis", outageMillis);
        map.put("instructions", instructions);
    }
}
