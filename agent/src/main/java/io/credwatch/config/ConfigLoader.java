package io.credwatch.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.error.MarkedYAMLException;

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
    private final YamlTree yaml = new YamlTree();
    private final YamlBinder binder = new YamlBinder();
    private final ConfigValidator validator = new ConfigValidator();

    public ConfigLoader(Map<String, String> env) {
        this(env, DEFAULT_FILE);
    }

    public ConfigLoader(Map<String, String> env, Path defaultFile) {
        this.env = Map.copyOf(env);
        this.defaultFile = defaultFile;
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
        Optional<YamlNode> tree;
        try {
            tree = yaml.read(text);
        } catch (JsonProcessingException e) {
            throw describe(e);
        } catch (IOException e) {
            // Reading from a String fails only as a parse error would.
            throw new ConfigException("", "cannot parse it: " + e.getClass().getSimpleName());
        }
        return finish(tree.isEmpty() || tree.get().isNull() ? CredwatchConfig.defaults()
                : withSourceOrder(binder.bind(tree.get(), CredwatchConfig.class), tree.get()));
    }

    /**
     * Records, per account, the order its credential sources were written in: the operator
     * says which source wins by writing it first, and a record forgets key order.
     */
    private static CredwatchConfig withSourceOrder(CredwatchConfig raw, YamlNode tree) {
        if (raw.exchanges().isEmpty()) {
            return raw;
        }
        // Bound without error, so the exchanges are a list of mappings, each written.
        List<YamlNode> written = ((YamlNode.Sequence) ((YamlNode.Mapping) tree).entries().get("exchanges")).items();
        List<ExchangeAccountConfig> accounts = new ArrayList<>();
        for (int i = 0; i < raw.exchanges().size(); i++) {
            ExchangeAccountConfig a = raw.exchanges().get(i);
            YamlNode credentials = ((YamlNode.Mapping) written.get(i)).entries().get("credentials");
            List<String> order = credentials instanceof YamlNode.Mapping m ? List.copyOf(m.entries().keySet()) : List.of();
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
            agent = agent.withStateDir(stateDirectory(env.get(STATE_DIRECTORY_ENV)));
        }
        CredwatchConfig config = raw.withAgent(agent);
        validator.validate(config);
        return config;
    }

    /** systemd may pass several colon-separated directories; the first is ours. */
    private static Path stateDirectory(String fromSystemd) {
        for (String dir : fromSystemd == null ? new String[0] : fromSystemd.split(":")) {
            if (!dir.isBlank()) {
                return Path.of(dir);
            }
        }
        return AgentConfig.DEFAULT_STATE_DIR;
    }

    /** What the parser refused: bad syntax, described by where it is and what is wrong there. */
    private static ConfigException describe(JsonProcessingException e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            // The problem and where it is ("found character '\t' that cannot start any token"),
            // rather than the context SnakeYAML puts first ("while scanning for the next token").
            return new ConfigException("", "YAML syntax error at line " + (marked.getProblemMark().getLine() + 1)
                    + ", column " + (marked.getProblemMark().getColumn() + 1) + ": " + firstLine(marked.getProblem()));
        }
        if (e.getLocation() != null) {
            return new ConfigException("", "YAML syntax error at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + firstLine(e.getOriginalMessage()));
        }
        return new ConfigException("", firstLine(e.getOriginalMessage()));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid value";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
