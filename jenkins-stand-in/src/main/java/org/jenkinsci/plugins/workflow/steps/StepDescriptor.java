package org.jenkinsci.plugins.workflow.steps;

import hudson.model.Descriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** Describes a step: its Pipeline function name and the context it needs. */
public abstract class StepDescriptor extends Descriptor<Step> {

    public abstract Set<? extends Class<?>> getRequiredContext();

    public abstract String getFunctionName();

    /**
     * Builds a step from named arguments the way Pipeline does: {@code @DataBoundConstructor}
     * parameters by name (absent ones get {@code null}, {@code 0} or {@code false}), then
     * {@code @DataBoundSetter} setters or fields; an argument that matches neither is rejected.
     * The step class must be compiled with {@code -parameters}.
     */
    public Step newInstance(Map<String, Object> arguments) throws Exception {
        Map<String, Object> remaining = new LinkedHashMap<>(arguments);
        Constructor<?> constructor = dataBoundConstructor();
        Parameter[] parameters = constructor.getParameters();
        Object[] values = new Object[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            Parameter parameter = parameters[i];
            if (!parameter.isNamePresent()) {
                throw new IllegalStateException(
                        clazz.getName() + " was compiled without -parameters, so its "
                                + "constructor parameters cannot be bound by name.");
            }
            Object value = remaining.remove(parameter.getName());
            values[i] = coerce(value, parameter.getType(), parameter.getName());
        }
        Object step;
        try {
            step = constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            throw unwrap(e);
        }
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, Object> argument : remaining.entrySet()) {
            if (!bindOptional(step, argument.getKey(), argument.getValue())) {
                unknown.add(argument.getKey());
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    "WARNING: Unknown parameter(s) found for class type '" + clazz.getName()
                            + "': " + String.join(",", new TreeSet<>(unknown)));
        }
        return (Step) step;
    }

    private Constructor<?> dataBoundConstructor() {
        for (Constructor<?> candidate : clazz.getConstructors()) {
            if (candidate.isAnnotationPresent(DataBoundConstructor.class)) {
                return candidate;
            }
        }
        throw new IllegalStateException(clazz.getName() + " has no @DataBoundConstructor.");
    }

    private boolean bindOptional(Object step, String name, Object value) throws Exception {
        String setterName = "set" + name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
        for (Method method : clazz.getMethods()) {
            if (method.getName().equals(setterName)
                    && method.getParameterCount() == 1
                    && method.isAnnotationPresent(DataBoundSetter.class)) {
                try {
                    method.invoke(step, coerce(value, method.getParameterTypes()[0], name));
                } catch (InvocationTargetException e) {
                    throw unwrap(e);
                }
                return true;
            }
        }
        for (Class<?> type = clazz; type != null; type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (field.getName().equals(name)
                        && field.isAnnotationPresent(DataBoundSetter.class)
                        && !Modifier.isStatic(field.getModifiers())) {
                    field.setAccessible(true);
                    field.set(step, coerce(value, field.getType(), name));
                    return true;
                }
            }
        }
        return false;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object coerce(Object value, Class<?> type, String name) {
        if (value == null) {
            return type.isPrimitive() ? primitiveDefault(type) : null;
        }
        Class<?> boxed = box(type);
        if (boxed.isInstance(value)) {
            return value;
        }
        if (value instanceof CharSequence && type == String.class) {
            return value.toString();
        }
        if (value instanceof Number && Number.class.isAssignableFrom(boxed)) {
            Number number = (Number) value;
            if (boxed == Integer.class) {
                return number.intValue();
            }
            if (boxed == Long.class) {
                return number.longValue();
            }
            if (boxed == Double.class) {
                return number.doubleValue();
            }
        }
        if (value instanceof CharSequence && type.isEnum()) {
            return Enum.valueOf((Class<? extends Enum>) type, value.toString());
        }
        if (value instanceof Object[] && type.isAssignableFrom(List.class)) {
            return List.of((Object[]) value);
        }
        if (value instanceof Collection && type.isAssignableFrom(List.class)) {
            return new ArrayList<>((Collection<?>) value);
        }
        throw new IllegalArgumentException(
                "Invalid value for parameter '" + name + "' of " + clazz.getName() + ": expected "
                        + type.getSimpleName() + " but got " + value.getClass().getSimpleName() + ".");
    }

    private static Class<?> box(Class<?> type) {
        if (type == boolean.class) {
            return Boolean.class;
        }
        if (type == int.class) {
            return Integer.class;
        }
        if (type == long.class) {
            return Long.class;
        }
        if (type == double.class) {
            return Double.class;
        }
        return type;
    }

    private static Object primitiveDefault(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == double.class) {
            return 0.0d;
        }
        return 0;
    }

    private static Exception unwrap(InvocationTargetException e) {
        Throwable cause = e.getCause();
        if (cause instanceof Exception) {
            return (Exception) cause;
        }
        if (cause instanceof Error) {
            throw (Error) cause;
        }
        return e;
    }
}
