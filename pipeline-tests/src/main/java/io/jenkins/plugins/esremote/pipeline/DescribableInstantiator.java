package io.jenkins.plugins.esremote.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Builds a Describable (a Pipeline step or a nested argument) from the named arguments of a
 * Pipeline call, the way Jenkins' structs plugin does: the {@code @DataBoundConstructor}
 * parameters by name, then {@code @DataBoundSetter} methods or fields, with values coerced to the
 * declared types. A name that matches neither is rejected, as in a real Jenkins.
 */
public final class DescribableInstantiator {

    private static final String DATA_BOUND_CONSTRUCTOR = "org.kohsuke.stapler.DataBoundConstructor";
    private static final String DATA_BOUND_SETTER = "org.kohsuke.stapler.DataBoundSetter";

    private DescribableInstantiator() {}

    /** Instantiates {@code type} from named arguments; a null map counts as no arguments. */
    public static <T> T instantiate(Class<T> type, Map<String, ?> arguments) {
        Map<String, Object> remaining = new LinkedHashMap<>();
        if (arguments != null) {
            arguments.forEach((name, value) -> remaining.put(String.valueOf(name), value));
        }

        Constructor<?> constructor = dataBoundConstructor(type);
        List<String> names = parameterNames(constructor);
        Type[] types = constructor.getGenericParameterTypes();
        Object[] values = new Object[names.size()];
        for (int i = 0; i < values.length; i++) {
            String name = names.get(i);
            values[i] = coerce(remaining.remove(name), types[i], type.getSimpleName() + "." + name);
        }

        Set<String> unknown = new TreeSet<>();
        for (String name : remaining.keySet()) {
            if (findSetter(type, name) == null && findField(type, name) == null) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Unknown parameter(s) " + unknown + " for "
                    + type.getName() + ". Valid parameters: " + parameterSummary(type, names) + ".");
        }

        T instance = construct(type, constructor, values);
        remaining.forEach((name, value) -> set(instance, name, value));
        return instance;
    }

    /** Returns the names a call may use: constructor parameters first, then setters. */
    public static Set<String> parameterNames(Class<?> type) {
        return parameterSummary(type, parameterNames(dataBoundConstructor(type)));
    }

    private static Set<String> parameterSummary(Class<?> type, List<String> constructorNames) {
        Set<String> names = new LinkedHashSet<>(constructorNames);
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                if (hasAnnotation(method, DATA_BOUND_SETTER) && method.getName().startsWith("set")) {
                    names.add(propertyName(method.getName()));
                }
            }
            for (Field field : c.getDeclaredFields()) {
                if (hasAnnotation(field, DATA_BOUND_SETTER)) {
                    names.add(field.getName());
                }
            }
        }
        return names;
    }

    private static Constructor<?> dataBoundConstructor(Class<?> type) {
        for (Constructor<?> constructor : type.getConstructors()) {
            if (hasAnnotation(constructor, DATA_BOUND_CONSTRUCTOR)) {
                return constructor;
            }
        }
        throw new IllegalArgumentException(type.getName() + " has no public @DataBoundConstructor, so "
                + "Jenkins could not instantiate it from a Pipeline call either.");
    }

    private static <T> T construct(Class<T> type, Constructor<?> constructor, Object[] values) {
        try {
            return type.cast(constructor.newInstance(values));
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw rethrow(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Could not instantiate " + type.getName(), e);
        }
    }

    private static void set(Object instance, String name, Object value) {
        Method setter = findSetter(instance.getClass(), name);
        String where = instance.getClass().getSimpleName() + "." + name;
        try {
            if (setter != null) {
                setter.invoke(instance, coerce(value, setter.getGenericParameterTypes()[0], where));
            } else {
                Field field = findField(instance.getClass(), name);
                field.setAccessible(true);
                field.set(instance, coerce(value, field.getGenericType(), where));
            }
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw rethrow(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("Could not set " + where, e);
        }
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalArgumentException(cause.getMessage(), cause);
    }

    private static Method findSetter(Class<?> type, String name) {
        String setterName = "set" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
        for (Method method : type.getMethods()) {
            if (method.getName().equals(setterName)
                    && method.getParameterCount() == 1
                    && hasAnnotation(method, DATA_BOUND_SETTER)) {
                return method;
            }
        }
        return null;
    }

    private static Field findField(Class<?> type, String name) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (field.getName().equals(name) && hasAnnotation(field, DATA_BOUND_SETTER)) {
                    return field;
                }
            }
        }
        return null;
    }

    private static String propertyName(String setterName) {
        String bare = setterName.substring(3);
        return Character.toLowerCase(bare.charAt(0)) + bare.substring(1);
    }

    private static boolean hasAnnotation(AnnotatedElement element, String annotationName) {
        for (Annotation annotation : element.getAnnotations()) {
            if (annotation.annotationType().getName().equals(annotationName)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Coerces a Pipeline value to a Java parameter type the way Jenkins does for step arguments:
     * absent values become null or the primitive default, text becomes enums, numbers widen, maps
     * become nested Describables when the type has a {@code @DataBoundConstructor}.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Object coerce(Object value, Type declared, String where) {
        Class<?> raw = rawType(declared);
        if (value == null) {
            return primitiveDefault(raw);
        }
        if (value instanceof CharSequence && !(value instanceof String)) {
            value = value.toString();
        }
        Class<?> boxed = box(raw);
        if (boxed.isInstance(value) && !(value instanceof Collection) && !(value instanceof Map)) {
            return value;
        }
        if (raw.isEnum() && value instanceof String text) {
            try {
                return Enum.valueOf((Class<? extends Enum>) raw, text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Invalid value '" + text + "' for " + where
                        + ": expected one of " + List.of(raw.getEnumConstants()) + ".");
            }
        }
        if (value instanceof Number number) {
            Object converted = convertNumber(number, boxed);
            if (converted != null) {
                return converted;
            }
        }
        if (boxed == String.class && (value instanceof Number || value instanceof Boolean)) {
            return value.toString();
        }
        if (value instanceof Collection<?> collection) {
            return coerceCollection(collection, declared, raw, where);
        }
        if (value instanceof Map<?, ?> map) {
            if (Map.class.isAssignableFrom(raw)) {
                return new LinkedHashMap<>(map);
            }
            if (!raw.isInterface() && !Modifier.isAbstract(raw.getModifiers())) {
                return instantiate(raw, (Map<String, ?>) map);
            }
        }
        if (raw == Object.class) {
            return value;
        }
        throw new IllegalArgumentException("Invalid value for " + where + ": expected "
                + raw.getSimpleName() + " but got " + value.getClass().getSimpleName() + ".");
    }

    private static Object coerceCollection(Collection<?> collection, Type declared, Class<?> raw, String where) {
        if (raw.isArray()) {
            Object array = Array.newInstance(raw.getComponentType(), collection.size());
            int i = 0;
            for (Object element : collection) {
                Array.set(array, i++, coerce(element, raw.getComponentType(), where + "[" + i + "]"));
            }
            return array;
        }
        Type elementType = Object.class;
        if (declared instanceof ParameterizedType parameterized) {
            elementType = parameterized.getActualTypeArguments()[0];
        }
        Collection<Object> target = Set.class.isAssignableFrom(raw) ? new LinkedHashSet<>() : new ArrayList<>();
        if (!raw.isAssignableFrom(target.getClass()) && raw != Object.class) {
            throw new IllegalArgumentException("Invalid value for " + where + ": expected "
                    + raw.getSimpleName() + " but got a list.");
        }
        int i = 0;
        for (Object element : collection) {
            target.add(coerce(element, elementType, where + "[" + i++ + "]"));
        }
        return target;
    }

    private static Object convertNumber(Number number, Class<?> boxed) {
        if (boxed == Integer.class) {
            return number.intValue();
        }
        if (boxed == Long.class) {
            return number.longValue();
        }
        if (boxed == Double.class) {
            return number.doubleValue();
        }
        if (boxed == Float.class) {
            return number.floatValue();
        }
        return null;
    }

    private static Class<?> rawType(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        return Object.class;
    }

    private static Object primitiveDefault(Class<?> raw) {
        if (!raw.isPrimitive()) {
            return null;
        }
        if (raw == boolean.class) {
            return false;
        }
        if (raw == char.class) {
            return '\0';
        }
        if (raw == short.class) {
            return (short) 0;
        }
        if (raw == byte.class) {
            return (byte) 0;
        }
        return convertNumber(0, box(raw));
    }

    private static Class<?> box(Class<?> raw) {
        if (!raw.isPrimitive()) {
            return raw;
        }
        return switch (raw.getName()) {
            case "boolean" -> Boolean.class;
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "double" -> Double.class;
            case "float" -> Float.class;
            case "char" -> Character.class;
            case "short" -> Short.class;
            default -> Byte.class;
        };
    }

    /**
     * Returns the constructor's parameter names: from the class file's MethodParameters attribute
     * when compiled with {@code -parameters}, otherwise from its debug LocalVariableTable, which
     * is where Stapler reads them in Jenkins.
     */
    static List<String> parameterNames(Constructor<?> constructor) {
        Parameter[] parameters = constructor.getParameters();
        if (parameters.length == 0 || parameters[0].isNamePresent()) {
            List<String> names = new ArrayList<>();
            for (Parameter parameter : parameters) {
                names.add(parameter.getName());
            }
            return names;
        }
        return localVariableNames(constructor);
    }

    private static List<String> localVariableNames(Constructor<?> constructor) {
        Class<?> owner = constructor.getDeclaringClass();
        String descriptor = org.objectweb.asm.Type.getConstructorDescriptor(constructor);
        int count = constructor.getParameterCount();
        String[] names = new String[count];
        // Slot 0 is 'this'; long and double parameters take two slots.
        int[] slots = new int[count];
        int slot = 1;
        for (int i = 0; i < count; i++) {
            slots[i] = slot;
            Class<?> p = constructor.getParameterTypes()[i];
            slot += (p == long.class || p == double.class) ? 2 : 1;
        }
        String resource = owner.getName().replace('.', '/') + ".class";
        try (InputStream in = owner.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Class file " + resource + " not found");
            }
            new ClassReader(in).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String desc, String sig, String[] ex) {
                    if (!name.equals("<init>") || !desc.equals(descriptor)) {
                        return null;
                    }
                    return new MethodVisitor(Opcodes.ASM9) {
                        @Override
                        public void visitLocalVariable(String variable, String d, String s, Label a, Label b, int index) {
                            for (int i = 0; i < count; i++) {
                                if (slots[i] == index && names[i] == null) {
                                    names[i] = variable;
                                }
                            }
                        }
                    };
                }
            }, 0);
        } catch (IOException e) {
            throw new IllegalStateException("Could not read " + resource, e);
        }
        for (String name : names) {
            if (name == null) {
                throw new IllegalStateException(owner.getName() + " was compiled without parameter names "
                        + "(neither -parameters nor -g): Jenkins could not bind its named arguments.");
            }
        }
        return List.of(names);
    }
}
