package io.credwatch.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;

/**
 * What a configuration's YAML may not contain, found in one pass over its tokens before it
 * is mapped: more than one document (the mapper would read the first and silently drop the
 * rest), aliases (Jackson does not expand {@code *name}; it reads it as the text "name", so
 * {@code timeout: *t} would be a wrong value rather than an error), and nesting deeper than
 * any configuration needs (refused by the parser's constraints, named here).
 */
final class YamlShape {

    /** exchanges[0].credentials.env[0][0] is five deep; the limit leaves room for future keys. */
    static final int MAX_DEPTH = 20;

    private YamlShape() {
    }

    static void check(ObjectMapper yaml, String text) throws IOException, ConfigException {
        try (JsonParser parser = yaml.createParser(text)) {
            int depth = 0;
            int documents = 0;
            JsonToken token;
            while ((token = next(parser)) != null) {
                if (parser instanceof YAMLParser y && y.isCurrentAlias()) {
                    throw new ConfigException(path(parser), "YAML aliases (*" + parser.getText()
                            + ") are not supported; write the value out where it is used");
                }
                if (depth == 0 && ++documents > 1) {
                    throw new ConfigException("", "more than one YAML document (the second starts on line "
                            + parser.currentTokenLocation().getLineNr() + "); credwatch reads exactly one");
                }
                if (token.isStructStart()) {
                    depth++;
                } else if (token.isStructEnd()) {
                    depth--;
                }
            }
        }
    }

    private static JsonToken next(JsonParser parser) throws IOException, ConfigException {
        try {
            return parser.nextToken();
        } catch (StreamConstraintsException e) {
            throw new ConfigException(path(parser), "nested too deeply (more than " + MAX_DEPTH
                    + " levels); a configuration is a few levels of keys and lists");
        }
    }

    /** The field path of where the parser is, as the refusals name fields: {@code exchanges[0].type}. */
    static String path(JsonParser parser) {
        String pointer = parser.getParsingContext().pathAsPointer().toString();
        StringBuilder sb = new StringBuilder();
        for (String part : pointer.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            if (part.chars().allMatch(Character::isDigit)) {
                sb.append('[').append(part).append(']');
            } else {
                sb.append(sb.isEmpty() ? "" : ".").append(part.replace("~1", "/").replace("~0", "~"));
            }
        }
        return sb.toString();
    }
}
