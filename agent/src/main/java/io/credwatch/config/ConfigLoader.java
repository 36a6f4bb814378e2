package io.credwatch.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.PropertyBindingException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import io.credwatch.check.Durations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Finds, reads and validates the configuration: {@code --config}, else
 * {@code $CREDWATCH_CONFIG}, else {@code /etc/credwatch/credwatch.yaml}, else the built-in
 * defaults. Every refusal is one line naming the field.
 */
public final class ConfigLoader {

    public static final Path DEFAULT_FILE = Path.of("/etc/credwatch/credwatch.yaml");
    public static final String CONFIG_ENV = "CREDWATCH_CONFIG";
    public static final String EXECUTION_CONTEXT_ENV = "EXECUTION_CONTEXT";
    /** Set by systemd's {@code StateDirectory=}. */
    public static final String STATE_DIRECTORY_ENV = "STATE_DIRECTORY";

    private final Map<String, String> env;
    private final Path defaultFile;
    private final ObjectMapper yaml;
    private final ConfigValidator validator = new ConfigValidator();

    public ConfigLoader(Map<String, String> env) {
        this(env, DEFAULT_FILE);
    }

    public ConfigLoader(Map<String, String> env, Path defaultFile) {
        this.env = Map.copyOf(env);
        this.defaultFile = defaultFile;
        this.yaml = YAMLMapper.builder(YAMLFactory.builder()
                        .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(YamlShape.MAX_DEPTH).build())
                        .build())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // A key the records compute themselves (an account's source order) is not one to write.
                .enable(DeserializationFeature.FAIL_ON_IGNORED_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .addModule(new SimpleModule()
                        .addDeserializer(Duration.class, new DurationDeserializer())
                        .addKeyDeserializer(Environment.class, new EnvironmentKeyDeserializer()))
                .build();
    }

    /** Where the configuration would come from, without reading it. */
    public Optional<Path> locate(Optional<Path> explicit) {
        if (explicit.isPresent()) {
            return explicit;
        }
        String fromEnv = env.get(CONFIG_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(Path.of(fromEnv));
        }
        return Files.exists(defaultFile) ? Optional.of(defaultFile) : Optional.empty();
    }

    public LoadedConfig load(Optional<Path> explicit) throws ConfigException {
        Optional<Path> file = locate(explicit);
        if (file.isEmpty()) {
            return new LoadedConfig(finish(CredwatchConfig.defaults()), Optional.empty());
        }
        return new LoadedConfig(parse(ConfigFile.read(file.get())), file);
    }

    public CredwatchConfig parse(String text) throws ConfigException {
        CredwatchConfig raw;
        try {
            YamlShape.check(yaml, text);
            JsonNode tree = yaml.readTree(text);
            raw = tree == null || tree.isMissingNode() || tree.isNull() ? CredwatchConfig.defaults()
                    : withSourceOrder(yaml.treeToValue(tree, CredwatchConfig.class), tree);
        } catch (JsonProcessingException e) {
            throw describe(e);
        } catch (IOException e) {
            // Reading from a String fails only as a parse error would.
            throw new ConfigException("", "cannot parse it: " + e.getClass().getSimpleName());
        }
        if (raw == null) {
            raw = CredwatchConfig.defaults();
        }
        return finish(raw);
    }

    /**
     * Records, per account, the order its credential sources were written in: the operator
     * says which source wins by writing it first, and a record forgets key order.
     */
    private static CredwatchConfig withSourceOrder(CredwatchConfig raw, JsonNode tree) {
        if (raw == null || raw.exchanges().isEmpty()) {
            return raw;
        }
        JsonNode written = tree.path("exchanges");
        List<ExchangeAccountConfig> accounts = new ArrayList<>();
        for (int i = 0; i < raw.exchanges().size(); i++) {
            ExchangeAccountConfig a = raw.exchanges().get(i);
            List<String> order = new ArrayList<>();
            written.path(i).path("credentials").fieldNames().forEachRemaining(order::add);
            accounts.add(a.withCredentials(a.credentials().inOrder(order)));
        }
        return new CredwatchConfig(raw.agent(), raw.http(), raw.jmx(), raw.checks(), accounts, raw.alerts(),
                raw.logging());
    }

    private CredwatchConfig finish(CredwatchConfig raw) throws ConfigException {
        AgentConfig agent = raw.agent();
        String context = env.get(EXECUTION_CONTEXT_ENV);
        if (context != null && !context.isBlank()) {
            try {
                agent = agent.withExecutionContext(ExecutionContext.parse(context.trim()));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("$" + EXECUTION_CONTEXT_ENV, e.getMessage());
            }
        }
        if (agent.stateDir() == null) {
            String fromSystemd = env.get(STATE_DIRECTORY_ENV);
            // systemd may pass several colon-separated directories; the first is ours.
            agent = agent.withStateDir(fromSystemd != null && !fromSystemd.isBlank()
                    ? Path.of(fromSystemd.split(":")[0]) : AgentConfig.DEFAULT_STATE_DIR);
        }
        CredwatchConfig config = raw.withAgent(agent);
        validator.validate(config);
        return config;
    }

    private static ConfigException describe(JsonProcessingException e) {
        String path = e instanceof JsonMappingException m ? path(m.getPath()) : "";
        if (e instanceof PropertyBindingException u) {
            String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream()
                    .map(Object::toString).collect(Collectors.toCollection(TreeSet::new)).toString();
            return new ConfigException(path, "unknown key '" + u.getPropertyName() + "'"
                    + (known.isEmpty() ? "" : "; known keys: " + known.substring(1, known.length() - 1)));
        }
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (original.startsWith("Duplicate field '")) {
            String key = original.substring("Duplicate field '".length(), original.indexOf('\'', 17));
            return new ConfigException(path.isEmpty() ? parserPath(e) : path, "duplicate key '" + key + "'");
        }
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause instanceof IllegalArgumentException && cause.getMessage() != null) {
            return new ConfigException(path, cause.getMessage());
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return new ConfigException(path, "expected " + describeType(m.getTargetType()));
        }
        if (cause instanceof InputCoercionException) {
            return new ConfigException(path.isEmpty() ? parserPath(e) : path, "the number is out of range");
        }
        if (cause instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            // The problem and where it is ("found character '\t' that cannot start any token"),
            // rather than the context SnakeYAML puts first ("while scanning for the next token").
            return new ConfigException("", "YAML syntax error at line " + (marked.getProblemMark().getLine() + 1)
                    + ", column " + (marked.getProblemMark().getColumn() + 1) + ": " + firstLine(marked.getProblem()));
        }
        if (!(e instanceof JsonMappingException) && e.getLocation() != null) {
            return new ConfigException("", "YAML syntax error at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + firstLine(e.getOriginalMessage()));
        }
        return new ConfigException(path, firstLine(e.getOriginalMessage()));
    }

    /** Where a parse-level error happened, for errors that carry no mapping path. */
    private static String parserPath(JsonProcessingException e) {
        return e.getProcessor() instanceof JsonParser parser ? YamlShape.path(parser) : "";
    }

    private static String describeType(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type == String.class) {
            return "a text value";
        }
        if (type == Duration.class) {
            return "a duration like 90s, 5m, 6h or 30d";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a mapping of keys to values";
        }
        return "a " + type.getSimpleName();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid value";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    static String path(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : refs) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    /** Map keys such as {@code maxAge: { prod: 30d }} go through the same parsing as values. */
    private static final class EnvironmentKeyDeserializer extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            try {
                return Environment.parse(key);
            } catch (IllegalArgumentException e) {
                throw JsonMappingException.from(ctxt, e.getMessage(), e);
            }
        }
    }

    private static final class DurationDeserializer extends JsonDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = p.getValueAsString();
            try {
                return Durations.parse(text == null ? p.getText() : text);
            } catch (IllegalArgumentException e) {
                throw JsonMappingException.from(p, e.getMessage(), e);
            }
        }
    }
}
