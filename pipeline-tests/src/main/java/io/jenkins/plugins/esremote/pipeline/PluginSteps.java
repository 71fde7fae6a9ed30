package io.jenkins.plugins.esremote.pipeline;

import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * The plugin's Pipeline steps, found by their descriptors, each run as Jenkins runs it: the Step
 * built from the call's named arguments, started with a context, its outcome awaited.
 */
public final class PluginSteps {

    /** Package that contains the plugin's Step classes. */
    public static final String STEPS_PACKAGE = "io.jenkins.plugins.esremote.steps";

    // Long enough for a reload of secure settings or a slow cluster, short enough to end a hung test.
    private static final long STEP_TIMEOUT_MINUTES = 5;

    private final Map<String, StepDescriptor> descriptors;

    private PluginSteps(Map<String, StepDescriptor> descriptors) {
        this.descriptors = descriptors;
    }

    /** Finds every StepDescriptor nested in a class of the steps package. */
    public static PluginSteps discover() {
        Map<String, StepDescriptor> found = new TreeMap<>();
        ClassLoader loader = PluginSteps.class.getClassLoader();
        for (String className : classNames(loader, STEPS_PACKAGE)) {
            Class<?> type;
            try {
                type = Class.forName(className, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                continue;
            }
            if (!StepDescriptor.class.isAssignableFrom(type)
                    || Modifier.isAbstract(type.getModifiers())
                    || type.getEnclosingClass() == null) {
                continue;
            }
            StepDescriptor descriptor = newDescriptor(type);
            found.put(descriptor.getFunctionName(), descriptor);
        }
        return new PluginSteps(Collections.unmodifiableMap(found));
    }

    public Map<String, StepDescriptor> descriptors() {
        return descriptors;
    }

    /**
     * Builds the step named {@code functionName} from {@code arguments}, runs it and returns what
     * it returned, or throws what it failed with.
     */
    public Object run(String functionName, Map<String, ?> arguments, Run<?, ?> run, TaskListener listener)
            throws Exception {
        StepDescriptor descriptor = descriptors.get(functionName);
        if (descriptor == null) {
            throw new IllegalArgumentException("No step named " + functionName + " in " + STEPS_PACKAGE
                    + "; known steps: " + descriptors.keySet());
        }
        Step step = DescribableInstantiator.instantiate(descriptor.clazz, arguments);
        TestStepContext context = new TestStepContext(run, listener);
        StepExecution execution = step.start(context);
        execution.start();
        return context.await(STEP_TIMEOUT_MINUTES, TimeUnit.MINUTES);
    }

    private static StepDescriptor newDescriptor(Class<?> type) {
        try {
            var constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return (StepDescriptor) constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Could not instantiate step descriptor " + type.getName(), e);
        }
    }

    private static List<String> classNames(ClassLoader loader, String packageName) {
        String path = packageName.replace('.', '/');
        List<String> names = new ArrayList<>();
        try {
            Enumeration<URL> roots = loader.getResources(path);
            while (roots.hasMoreElements()) {
                URL root = roots.nextElement();
                if ("jar".equals(root.getProtocol())) {
                    addJarEntries(root, path, names);
                } else {
                    addFiles(new File(root.toURI()), packageName, names);
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("Could not list the classes of " + packageName, e);
        }
        return names;
    }

    private static void addJarEntries(URL root, String path, List<String> names) throws IOException {
        JarURLConnection connection = (JarURLConnection) root.openConnection();
        connection.setUseCaches(false);
        try (JarFile jar = connection.getJarFile()) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                String entry = entries.nextElement().getName();
                if (entry.startsWith(path + "/") && entry.endsWith(".class")) {
                    names.add(entry.substring(0, entry.length() - ".class".length()).replace('/', '.'));
                }
            }
        }
    }

    private static void addFiles(File directory, String packageName, List<String> names) {
        File[] files = directory.listFiles();
        if (files == null) {
            return;
        }
        for (File file : files) {
            if (file.isDirectory()) {
                addFiles(file, packageName + "." + file.getName(), names);
            } else if (file.getName().endsWith(".class")) {
                names.add(packageName + "." + file.getName().substring(0, file.getName().length() - 6));
            }
        }
    }
}
