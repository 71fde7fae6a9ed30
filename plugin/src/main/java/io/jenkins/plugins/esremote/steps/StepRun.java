package io.jenkins.plugins.esremote.steps;

import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.esremote.config.ConnectionResolver;
import io.jenkins.plugins.esremote.engine.ClusterConnection;
import io.jenkins.plugins.esremote.engine.FileJournalStore;
import io.jenkins.plugins.esremote.engine.JournalKey;
import io.jenkins.plugins.esremote.engine.Migration;
import io.jenkins.plugins.esremote.engine.MigrationException;
import io.jenkins.plugins.esremote.engine.MigrationListener;
import io.jenkins.plugins.esremote.engine.MigrationOptions;
import io.jenkins.plugins.esremote.engine.PhaseResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * One execution of a migration step. It resolves the connections and opens the migration with the
 * journal under the Jenkins home. It prints the console lines, copies the journal into the build
 * directory, and turns engine failures into build errors without a stack trace.
 */
final class StepRun {

    /** One phase call on an open migration. */
    @FunctionalInterface
    interface PhaseCall {
        PhaseResult call(Migration migration) throws MigrationException, IOException;
    }

    private final String functionName;
    private final EsMigrationStep step;
    private final Run<?, ?> run;
    private final PrintStream console;
    private final PluginServices services;

    private StepRun(String functionName, EsMigrationStep step, Run<?, ?> run, TaskListener listener) {
        this.functionName = functionName;
        this.step = step;
        this.run = run;
        this.console = listener.getLogger();
        this.services = PluginServices.get();
    }

    static StepRun start(String functionName, EsMigrationStep step, StepContext context)
            throws IOException, InterruptedException {
        return new StepRun(
                functionName, step, context.get(Run.class), context.get(TaskListener.class));
    }

    Run<?, ?> run() {
        return run;
    }

    PluginServices services() {
        return services;
    }

    /** Prints one console line, prefixed with the step name. */
    void log(String line) {
        console.println("[" + functionName + "] " + line);
    }

    ClusterConnection local() throws AbortException {
        return resolver().resolve("local", "cluster", "url", step.getCluster(), step.getUrl(),
                step.getCredentialsId(), step.getCaCertificate(), step.getCaFingerprint());
    }

    /** Resolves the remote cluster, or returns {@code null} when none was given and none is needed. */
    ClusterConnection remote(boolean required) throws AbortException {
        if (!required && !step.hasRemote()) {
            return null;
        }
        return resolver().resolve("remote", "remoteCluster", "remoteUrl", step.getRemoteCluster(),
                step.getRemoteUrl(), step.getRemoteCredentialsId(), step.getRemoteCaCertificate(),
                step.getRemoteCaFingerprint());
    }

    private ConnectionResolver resolver() {
        return new ConnectionResolver(services.credentials(), services.configuration(), run);
    }

    /**
     * Runs {@code call} against an open migration and returns its result map plus the journal
     * file name. The connections' secrets are wiped afterwards.
     */
    Map<String, Object> execute(ClusterConnection local, ClusterConnection remote, PhaseCall call)
            throws Exception {
        String target = "alias '" + step.getAlias() + "' on cluster '" + local.name() + "'"
                + (remote == null ? "" : " (remote '" + remote.name() + "')");
        log("starting for " + target);
        FileJournalStore journal = new FileJournalStore(services.journalDirectory());
        MigrationOptions options = step.migrationOptions();
        JournalKey journalKey = null;
        List<String> printedWarnings = new ArrayList<>();
        try (Migration migration = Migration.open(
                local, remote, step.getAlias(), journal, listener(printedWarnings), options)) {
            journalKey = migration.journalKey();
            PhaseResult result = call.call(migration);
            logUnprintedWarnings(result, target, printedWarnings);
            Map<String, Object> map = new LinkedHashMap<>(result.toMap());
            map.put("journal", journalKey.fileName());
            log(result.outcome().id() + " for " + target + counts(map));
            return map;
        } catch (MigrationException e) {
            throw new AbortException("[" + functionName + "] " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new AbortException("[" + functionName + "] " + e.getMessage());
        } finally {
            if (journalKey != null) {
                copyJournal(journal, journalKey);
            }
            local.authentication().destroy();
            if (remote != null) {
                remote.authentication().destroy();
            }
        }
    }

    /** Returns the sizes of the result's lists, such as {@code , 3 tasks, 1 changed}, for the end line. */
    private static String counts(Map<String, Object> map) {
        StringBuilder text = new StringBuilder();
        for (String key : List.of("tasks", "changed", "updatedRoles", "deletedRoles", "undone", "problems", "warnings")) {
            Object value = map.get(key);
            if (value instanceof Collection && !((Collection<?>) value).isEmpty()) {
                int size = ((Collection<?>) value).size();
                String noun = size == 1 && key.endsWith("s") ? key.substring(0, key.length() - 1) : key;
                text.append(", ").append(size).append(' ').append(noun);
            }
        }
        return text.toString();
    }

    /** Returns a listener that prints to the console and remembers the warnings it printed. */
    private MigrationListener listener(List<String> printedWarnings) {
        return new MigrationListener() {
            @Override
            public void info(String line) {
                log(line);
            }

            @Override
            public void warning(String line) {
                printedWarnings.add(line);
                log("WARNING: " + line);
            }
        };
    }

    /**
     * Prints the result's warnings that the phase did not already send to the listener, so every
     * warning counted on the end line is also readable in the console.
     */
    private void logUnprintedWarnings(PhaseResult result, String target, List<String> printedWarnings) {
        for (String warning : result.warnings()) {
            boolean printed = printedWarnings.stream().anyMatch(line -> line.contains(warning));
            if (!printed) {
                log("WARNING: [" + result.phase().id() + "] " + target + ": " + warning);
            }
        }
    }

    /** Copies the journal next to the build's log, so the build shows what it changed. */
    private void copyJournal(FileJournalStore journal, JournalKey key) {
        Path source = journal.path(key);
        if (!Files.exists(source)) {
            return;
        }
        try {
            Path target = run.getRootDir().toPath().resolve("es-remote-migration");
            Files.createDirectories(target);
            Files.copy(source, target.resolve(key.fileName()), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            log("WARNING: failed to copy the journal " + key.fileName()
                    + " into the build directory: " + e.getMessage()
                    + ". It is still in " + source.getParent() + ".");
        }
    }
}
