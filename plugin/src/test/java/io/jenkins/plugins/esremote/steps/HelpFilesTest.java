package io.jenkins.plugins.esremote.steps;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.esremote.config.EsClusterConnection;
import io.jenkins.plugins.esremote.config.EsClustersConfiguration;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Every bindable parameter has a {@code help-<field>.html} where Jenkins looks for it (the class
 * or a superclass), and every step has a {@code config.jelly} and {@code help.html}.
 */
class HelpFilesTest {

    static Stream<Class<?>> describables() {
        List<Class<?>> types = new ArrayList<>();
        StepBindingTest.descriptors().map(StepDescriptor::getClass).forEach(d -> types.add(d.getEnclosingClass()));
        types.add(EsClusterConnection.class);
        types.add(EsClustersConfiguration.class);
        return types.stream();
    }

    static List<String> parameters(Class<?> type) {
        List<String> names = new ArrayList<>();
        for (Constructor<?> constructor : type.getConstructors()) {
            if (constructor.isAnnotationPresent(DataBoundConstructor.class)) {
                for (Parameter parameter : constructor.getParameters()) {
                    names.add(parameter.getName());
                }
            }
        }
        for (Method method : type.getMethods()) {
            if (method.isAnnotationPresent(DataBoundSetter.class)) {
                String name = method.getName().substring(3);
                names.add(name.substring(0, 1).toLowerCase(Locale.ROOT) + name.substring(1));
            }
        }
        return names;
    }

    static boolean hasResource(Class<?> type, String file) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getResource(c.getSimpleName() + "/" + file) != null) {
                return true;
            }
        }
        return false;
    }

    @ParameterizedTest
    @MethodSource("describables")
    void everyParameterHasHelp(Class<?> type) {
        List<String> names = parameters(type);

        assertTrue(names.size() > 0, type.getName());
        for (String name : names) {
            assertTrue(hasResource(type, "help-" + name + ".html"), type.getSimpleName() + ": help-" + name + ".html");
        }
    }

    @ParameterizedTest
    @MethodSource("describables")
    void everyDescribableHasConfigPage(Class<?> type) {
        assertNotNull(type.getResource(type.getSimpleName() + "/config.jelly"), type.getName());
    }

    @Test
    void everyStepHasOverviewHelp() {
        StepBindingTest.descriptors().forEach(descriptor -> {
            Class<?> step = descriptor.getClass().getEnclosingClass();
            assertNotNull(step.getResource(step.getSimpleName() + "/help.html"), step.getName());
        });
    }
}
