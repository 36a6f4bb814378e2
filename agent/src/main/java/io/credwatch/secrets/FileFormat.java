package io.credwatch.secrets;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The kinds of deployment file the scan understands, told apart by name first and content
 * second (a systemd drop-in is a {@code .conf}; a task definition is just {@code .json}).
 * Any other file gets only the content rules.
 */
enum FileFormat {
    ECS_TASK_DEFINITION("ECS task definition", ScanRule.ECS_PLAINTEXT_ENV, "environment variable",
            EcsTaskDefinitionReader::new),
    COMPOSE("docker-compose file", ScanRule.COMPOSE_SECRET, "environment variable", ComposeReader::new),
    SYSTEMD_UNIT("systemd unit", ScanRule.SYSTEMD_SECRET, "Environment= variable", SystemdUnitReader::new),
    DOTENV("dotenv file", ScanRule.DOTENV_SECRET, "variable", DotenvReader::new),
    CONFIG("JSON/YAML configuration", ScanRule.CONFIG_SECRET, "key", ConfigTreeReader::new),
    INI("INI/properties/npm configuration", ScanRule.CONFIG_SECRET, "key", () -> new KeyValueReader(false, false)),
    PROPERTIES("Java properties", ScanRule.CONFIG_SECRET, "key", () -> new KeyValueReader(false, true)),
    TOML("TOML/Terraform configuration", ScanRule.CONFIG_SECRET, "key", () -> new KeyValueReader(true, false)),
    TEXT("text", null, null, null);

    private static final Pattern ECS = Pattern.compile("[\"']?containerDefinitions[\"']?\\s*:", Pattern.CASE_INSENSITIVE);
    private static final Pattern COMPOSE_NAME = Pattern.compile("(docker-)?compose[\\w.-]*\\.ya?ml");
    private static final Pattern COMPOSE_SERVICES = Pattern.compile("(?m)^services:\\s*(#.*)?$");
    private static final Pattern UNIT_SECTION = Pattern.compile("(?m)^\\[(Unit|Service|Socket|Mount|Swap)\\]\\s*$");
    private static final Pattern UNIT_NAME = Pattern.compile(".+\\.(service|socket|mount|swap|timer|path)");
    private static final Pattern INI_NAME = Pattern.compile(
            ".+\\.(ini|cfg|conf|cnf)|\\.?(npmrc|pypirc|yarnrc|gitconfig|s3cfg|boto)|credentials");
    private static final Pattern TOML_NAME = Pattern.compile(".+\\.(toml|tfvars|tf|hcl)");
    private static final Pattern DOTENV_NAME = Pattern.compile("(.*\\.env|\\.env(\\..*)?|.*\\.env\\..*|env)");

    private final String label;
    private final ScanRule rule;
    private final String noun;
    private final Supplier<FormatReader> reader;

    FileFormat(String label, ScanRule rule, String noun, Supplier<FormatReader> reader) {
        this.label = label;
        this.rule = rule;
        this.noun = noun;
        this.reader = reader;
    }

    String label() {
        return label;
    }

    ScanRule rule() {
        return rule;
    }

    /** What a finding calls the name: "environment variable", "key". */
    String noun() {
        return noun;
    }

    /** Whether the reader returns every assignment of the file, not only those of one section. */
    boolean readsEveryAssignment() {
        return this == CONFIG || this == ECS_TASK_DEFINITION || this == COMPOSE || this == DOTENV || this == INI || this == PROPERTIES
                || this == TOML;
    }

    Optional<FormatReader> reader() {
        return Optional.ofNullable(reader).map(Supplier::get);
    }

    static FileFormat detect(String fileName, String text) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (UNIT_NAME.matcher(name).matches() || (name.endsWith(".conf") && UNIT_SECTION.matcher(text).find())) {
            return SYSTEMD_UNIT;
        }
        if (DOTENV_NAME.matcher(name).matches()) {
            return DOTENV;
        }
        boolean yaml = name.endsWith(".yml") || name.endsWith(".yaml");
        String start = text.stripLeading();
        boolean json = name.endsWith(".json") || (!name.contains(".") && (start.startsWith("{") || start.startsWith("[")));
        if ((json || yaml) && ECS.matcher(text).find()) {
            return ECS_TASK_DEFINITION;
        }
        if (yaml && (COMPOSE_NAME.matcher(name).matches() || COMPOSE_SERVICES.matcher(text).find())) {
            return COMPOSE;
        }
        if (json || yaml) {
            return CONFIG;
        }
        if (name.endsWith(".properties")) {
            return PROPERTIES;
        }
        if (TOML_NAME.matcher(name).matches()) {
            return TOML;
        }
        return INI_NAME.matcher(name).matches() ? INI : TEXT;
    }
}
