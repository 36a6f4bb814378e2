package io.credwatch.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a configuration's YAML into {@link YamlNode}s in one pass over the parser's tokens,
 * refusing what a configuration may not contain: more than one document (only the first
 * would count), aliases (the parser does not expand {@code *name}; it reads the text "name",
 * so {@code timeout: *t} would be a wrong value rather than an error), a key written twice,
 * and nesting deeper than any configuration needs.
 *
 * <p>Only Jackson's streaming YAML parser is used, not its object mapper: building a mapper and
 * binding records with it was the largest single cost of the daemon's start (docs/performance.md).
 */
final class YamlTree {

    /** exchanges[0].credentials.env[0][0] is five deep; the limit leaves room for future keys. */
    static final int MAX_DEPTH = 20;

    private final YAMLFactory factory = YAMLFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            // `port:` with nothing after it is YAML's null; a factory from the builder would
            // otherwise read it as "", unlike one from YAMLFactory's constructor.
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            .build();

    /** The document's root, or empty when the text holds no document (only comments). */
    Optional<YamlNode> read(String text) throws IOException, ConfigException {
        try (JsonParser parser = factory.createParser(text)) {
            JsonToken first = next(parser, "");
            if (first == null) {
                return Optional.empty();
            }
            YamlNode root = node(parser, first, "");
            if (next(parser, "") != null) {
                throw new ConfigException("", "more than one YAML document (the second starts on line "
                        + parser.currentTokenLocation().getLineNr() + "); credwatch reads exactly one");
            }
            return Optional.of(root);
        }
    }

    private static YamlNode node(JsonParser parser, JsonToken token, String path) throws IOException, ConfigException {
        refuseAlias(parser, path);
        switch (token) {
            case START_OBJECT -> {
                Map<String, YamlNode> entries = new LinkedHashMap<>();
                while (next(parser, path) != JsonToken.END_OBJECT) {
                    String key = parser.currentName();
                    String at = YamlNode.keyPath(path, key);
                    refuseAlias(parser, at);
                    if (entries.containsKey(key)) {
                        throw new ConfigException(at, "duplicate key '" + key + "'");
                    }
                    entries.put(key, node(parser, next(parser, at), at));
                }
                return new YamlNode.Mapping(entries);
            }
            case START_ARRAY -> {
                List<YamlNode> items = new ArrayList<>();
                JsonToken t;
                while ((t = next(parser, path)) != JsonToken.END_ARRAY) {
                    items.add(node(parser, t, YamlNode.itemPath(path, items.size())));
                }
                return new YamlNode.Sequence(items);
            }
            case VALUE_NUMBER_INT -> {
                return new YamlNode.Scalar(token, parser.getText(), parser.getNumberValue());
            }
            case VALUE_NULL -> {
                return new YamlNode.Scalar(token, null, null);
            }
            default -> {
                return new YamlNode.Scalar(token, parser.getText(), null);
            }
        }
    }

    private static void refuseAlias(JsonParser parser, String path) throws ConfigException, IOException {
        if (parser instanceof YAMLParser y && y.isCurrentAlias()) {
            throw new ConfigException(path, "YAML aliases (*" + parser.getText()
                    + ") are not supported; write the value out where it is used");
        }
    }

    private static JsonToken next(JsonParser parser, String path) throws IOException, ConfigException {
        try {
            return parser.nextToken();
        } catch (StreamConstraintsException e) {
            throw new ConfigException(path, "nested too deeply (more than " + MAX_DEPTH
                    + " levels); a configuration is a few levels of keys and lists");
        }
    }
}
