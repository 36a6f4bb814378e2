package io.credwatch.secrets;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Every scalar of a JSON or YAML document with its line. Streams rather than building a tree,
 * because a tree forgets where each value was, and a finding must name its line.
 */
final class TreeLeaves {

    private static final JsonFactory JSON = new JsonFactory();
    private static final YAMLFactory YAML = new YAMLFactory();

    private TreeLeaves() {
    }

    /** JSON when the text starts like JSON, YAML otherwise (every YAML stream, all its documents). */
    static List<TreeLeaf> of(String text) throws UnparsableException {
        String start = text.stripLeading();
        boolean json = start.startsWith("{") || start.startsWith("[");
        return read(json ? JSON : YAML, json ? "JSON" : "YAML", text);
    }

    private static List<TreeLeaf> read(JsonFactory factory, String format, String text) throws UnparsableException {
        List<TreeLeaf> leaves = new ArrayList<>();
        try (JsonParser p = factory.createParser(text)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t.isScalarValue() && !locallyTagged(p)) {
                    leaves.add(new TreeLeaf(path(p.getParsingContext()), p.getText(), p.getTokenLocation().getLineNr()));
                }
            }
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new UnparsableException(format, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr());
        } catch (IOException | RuntimeException e) {
            // SnakeYAML signals some malformed input with unchecked exceptions of its own.
            throw new UnparsableException(format, 0, 0);
        }
        return leaves;
    }

    /**
     * A scalar under an application tag ({@code !Ref Name}, {@code !Sub ...}, {@code !GetAtt A.B}
     * in CloudFormation) is an expression the tool resolves, not a value; YAML's own
     * {@code !!str} tags resolve to {@code tag:yaml.org,2002:...}.
     */
    private static boolean locallyTagged(JsonParser p) throws IOException {
        if (!(p instanceof YAMLParser yaml)) {
            return false;
        }
        String tag = yaml.getTypeId();
        return tag != null && !tag.startsWith("tag:yaml.org");
    }

    private static List<Object> path(JsonStreamContext context) {
        List<Object> path = new ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            path.add(0, c.inObject() ? (Object) String.valueOf(c.getCurrentName()) : Integer.valueOf(c.getCurrentIndex()));
        }
        return path;
    }
}
