package io.credwatch.config;

import com.fasterxml.jackson.core.JsonToken;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Binds {@link YamlNode}s to the configuration records, by the records' own shape: a record
 * is a mapping whose keys are its components' names (or {@link Key}), a {@code List} a YAML
 * list, a {@code Map} a mapping; a type with a {@code static parse(String)} (an enum such as
 * {@link Environment}) is a text value given to it. A key not written is null, which each
 * record's constructor turns into its default. Every refusal names the field.
 */
final class YamlBinder {

    <T> T bind(YamlNode node, Class<T> type) throws ConfigException {
        return type.cast(bind(node, type, ""));
    }

    private Object bind(YamlNode node, Type type, String path) throws ConfigException {
        if (node.isNull()) {
            return null;
        }
        Class<?> raw = raw(type);
        if (raw.isRecord()) {
            return record(node, raw, path);
        }
        if (raw == List.class) {
            return list(node, argument(type, 0), path);
        }
        if (raw == Map.class) {
            return map(node, argument(type, 0), argument(type, 1), path);
        }
        if (raw == String.class) {
            return text(node, path, "a text value");
        }
        if (raw == Integer.class) {
            return whole(node, path);
        }
        if (raw == Boolean.class) {
            return truth(node, path);
        }
        if (raw == Duration.class) {
            return parsed(text(node, path, "a duration like 90s, 5m, 6h or 30d"), path, DurationSyntax::parse);
        }
        if (raw == Path.class) {
            String text = text(node, path, "a file path");
            try {
                return Path.of(text);
            } catch (InvalidPathException e) {
                throw new ConfigException(path, "not a valid file path");
            }
        }
        Method parse = parser(raw);
        return parsed(text(node, path, "a text value"), path, s -> invoke(parse, s));
    }

    private Object record(YamlNode node, Class<?> type, String path) throws ConfigException {
        if (!(node instanceof YamlNode.Mapping mapping)) {
            throw expected(path, "a mapping of keys to values");
        }
        RecordComponent[] components = type.getRecordComponents();
        Map<String, Integer> byKey = new LinkedHashMap<>();
        for (int i = 0; i < components.length; i++) {
            if (components[i].getAnnotation(Derived.class) == null) {
                Key key = components[i].getAnnotation(Key.class);
                byKey.put(key == null ? components[i].getName() : key.value(), i);
            }
        }
        Object[] args = new Object[components.length];
        for (Map.Entry<String, YamlNode> e : mapping.entries().entrySet()) {
            String at = YamlNode.keyPath(path, e.getKey());
            Integer i = byKey.get(e.getKey());
            if (i == null) {
                throw new ConfigException(at, "unknown key '" + e.getKey() + "'; known keys: "
                        + String.join(", ", new TreeSet<>(byKey.keySet())));
            }
            args[i] = bind(e.getValue(), components[i].getGenericType(), at);
        }
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
        }
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(types);
            return canonical.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException problem) {
                throw new ConfigException(path, problem.getMessage());
            }
            throw new IllegalStateException(type.getSimpleName() + " refused its values", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type.getSimpleName() + " has no public canonical constructor", e);
        }
    }

    private List<Object> list(YamlNode node, Type item, String path) throws ConfigException {
        if (!(node instanceof YamlNode.Sequence sequence)) {
            throw expected(path, "a list");
        }
        List<Object> out = new ArrayList<>();
        for (YamlNode n : sequence.items()) {
            String at = YamlNode.itemPath(path, out.size());
            out.add(present(bind(n, item, at), at));
        }
        return out;
    }

    private Map<Object, Object> map(YamlNode node, Type key, Type value, String path) throws ConfigException {
        if (!(node instanceof YamlNode.Mapping mapping)) {
            throw expected(path, "a mapping of keys to values");
        }
        Method parse = key == String.class ? null : parser(raw(key));
        Map<Object, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> e : mapping.entries().entrySet()) {
            // A bad key is named by its mapping: the key itself is what is wrong, not a field.
            Object k = parse == null ? e.getKey() : parsed(e.getKey(), path, s -> invoke(parse, s));
            String at = YamlNode.keyPath(path, e.getKey());
            out.put(k, present(bind(e.getValue(), value, at), at));
        }
        return out;
    }

    /** Lists and maps of nothing are refused here: the records copy them, and a copy refuses a null. */
    private static Object present(Object value, String path) throws ConfigException {
        if (value == null) {
            throw new ConfigException(path, "no value; remove the entry or write one");
        }
        return value;
    }

    private static String text(YamlNode node, String path, String expected) throws ConfigException {
        if (node instanceof YamlNode.Scalar s && switch (s.token()) {
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE -> true;
            default -> false;
        }) {
            return s.text();
        }
        throw expected(path, expected);
    }

    private static Integer whole(YamlNode node, String path) throws ConfigException {
        if (node instanceof YamlNode.Scalar s) {
            if (s.token() == JsonToken.VALUE_NUMBER_INT) {
                if (s.number() instanceof Integer i) {
                    return i;
                }
                throw new ConfigException(path, "the number is out of range");
            }
            if (s.token() == JsonToken.VALUE_STRING && s.text().strip().matches("[-+]?[0-9]+")) {
                try {
                    return Integer.valueOf(s.text().strip());
                } catch (NumberFormatException e) {
                    throw new ConfigException(path, "the number is out of range");
                }
            }
        }
        throw expected(path, "a whole number");
    }

    private static Boolean truth(YamlNode node, String path) throws ConfigException {
        if (node instanceof YamlNode.Scalar s) {
            if (s.token() == JsonToken.VALUE_TRUE || s.token() == JsonToken.VALUE_FALSE) {
                return s.token() == JsonToken.VALUE_TRUE;
            }
            if (s.token() == JsonToken.VALUE_STRING && (s.text().equalsIgnoreCase("true")
                    || s.text().equalsIgnoreCase("false"))) {
                return Boolean.valueOf(s.text());
            }
        }
        throw expected(path, "true or false");
    }

    private interface Parse {
        Object apply(String text);
    }

    private static Object parsed(String text, String path, Parse parse) throws ConfigException {
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(path, e.getMessage());
        }
    }

    private static Method parser(Class<?> type) {
        try {
            Method parse = type.getMethod("parse", String.class);
            if (Modifier.isStatic(parse.getModifiers()) && parse.getReturnType() == type) {
                return parse;
            }
        } catch (NoSuchMethodException e) {
            // fall through: a configuration record declares a type this binder cannot read
        }
        throw new IllegalStateException("no way to read a " + type.getName() + " from the configuration");
    }

    private static Object invoke(Method parse, String text) {
        try {
            return parse.invoke(null, text);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException problem) {
                throw problem;
            }
            throw new IllegalStateException(parse + " failed", e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(parse + " is not public", e);
        }
    }

    private static ConfigException expected(String path, String what) {
        return new ConfigException(path, "expected " + what);
    }

    private static Class<?> raw(Type type) {
        return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    }

    private static Type argument(Type type, int index) {
        return ((ParameterizedType) type).getActualTypeArguments()[index];
    }
}
