package io.credwatch.secrets;

import io.credwatch.credential.DotenvFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Any JSON or YAML configuration: a scalar under a key ({@code apiSecret: ...}), the
 * {@code {name: X, value: Y}} and {@code {key: X, value: Y}} pairs Kubernetes and ECS-like
 * tools use for environments, {@code NAME=value} lines held in a string (a whole env file
 * in one JSON value, or a YAML block) and {@code --name=value} words of a command line.
 *
 * <p>Values under keys that refer to a secret kept elsewhere (Kubernetes {@code secretKeyRef}
 * and {@code valueFrom}, External Secrets {@code remoteRef}, SealedSecret
 * {@code encryptedData}, SOPS metadata, CloudFormation {@code Fn::} functions) are not read:
 * they are the fix, not the problem.
 */
final class ConfigTreeReader implements FormatReader {

    private static final Set<String> REFERENCES = Set.of("secretkeyref", "configmapkeyref", "valuefrom", "secretref",
            "remoteref", "encrypteddata", "sops", "secretobjects", "datafrom", "ref", "sourceref", "existingsecret");
    private static final Pattern ENV_LINE = Pattern.compile("(?m)^\\s*(?:export\\s+)?[A-Za-z_][A-Za-z0-9_.]*=\\S");
    /**
     * {@code --api-key=...} or {@code DB_PASSWORD=...} as one word of a command line held in a
     * value, or one part of a connection string ({@code Server=db;Password=...;},
     * {@code jdbc:...?user=app&password=...}).
     */
    private static final Pattern WORD_ASSIGNMENT = Pattern.compile(
            "(?:^|[\\s;&?])-{0,2}([A-Za-z_][A-Za-z0-9_.-]*(?: [A-Za-z][A-Za-z0-9_.-]*)?)=([\"']?)([^\\s\"';&]+)\\2(?=[\\s;&]|$)");

    @Override
    public List<Assignment> read(String text) throws UnparsableException {
        List<TreeLeaf> leaves = TreeLeaves.of(text);
        List<String> lines = text.lines().toList();
        List<Assignment> out = new ArrayList<>();
        Map<List<Object>, String> pairNames = new HashMap<>();
        Set<List<Object>> referring = new HashSet<>();
        Set<List<Object>> withValue = new HashSet<>();
        for (TreeLeaf leaf : leaves) {
            String last = String.valueOf(leaf.fromEnd(0));
            if ("name".equalsIgnoreCase(last) || "key".equalsIgnoreCase(last)) {
                pairNames.putIfAbsent(leaf.path().subList(0, leaf.path().size() - 1), leaf.value());
            } else if ("value".equalsIgnoreCase(last)) {
                withValue.add(leaf.path().subList(0, leaf.path().size() - 1));
            }
            int ref = referenceAt(leaf.path());
            if (ref >= 0) {
                // External Secrets names the target key beside remoteRef: {secretKey: x, remoteRef: {...}}.
                referring.add(leaf.path().subList(0, ref));
            }
        }
        for (TreeLeaf leaf : leaves) {
            List<Object> parent = leaf.path().subList(0, Math.max(0, leaf.path().size() - 1));
            if (referenceAt(leaf.path()) >= 0 || referring.contains(parent)) {
                continue;
            }
            String key = leaf.nearestName();
            // A list under "secrets" names secrets kept elsewhere (compose services, GitHub Actions).
            if (leaf.fromEnd(0) instanceof Integer && "secrets".equalsIgnoreCase(key)) {
                continue;
            }
            // In {key: API_KEY, value: ...} the key names the variable; it holds no value.
            if (withValue.contains(parent) && ("key".equalsIgnoreCase(key) || "name".equalsIgnoreCase(key))) {
                continue;
            }
            if (leaf.value().contains("\n") && ENV_LINE.matcher(leaf.value()).find()) {
                out.addAll(nested(leaf, lines));
            } else {
                Matcher w = WORD_ASSIGNMENT.matcher(leaf.value());
                while (w.find()) {
                    out.add(new Assignment(w.group(1), w.group(3), leaf.line(), ""));
                }
            }
            if ("value".equalsIgnoreCase(key) && leaf.fromEnd(0) instanceof String) {
                String pairName = pairNames.get(parent);
                if (pairName != null) {
                    out.add(new Assignment(pairName, leaf.value(), leaf.line(), ""));
                    continue;
                }
            }
            out.add(new Assignment(key, leaf.value(), leaf.line(), ""));
        }
        return out;
    }

    private static int referenceAt(List<Object> path) {
        for (int i = 0; i < path.size(); i++) {
            if (path.get(i) instanceof String s) {
                String lower = s.toLowerCase(Locale.ROOT);
                if (REFERENCES.contains(lower) || lower.startsWith("fn::")) {
                    return i;
                }
            }
        }
        return -1;
    }

    /**
     * The assignments of an env file held in a string. A JSON string keeps them on its own
     * line; a YAML block spreads them over the lines after its key, where each is looked up.
     */
    private static List<Assignment> nested(TreeLeaf leaf, List<String> lines) {
        List<Assignment> out = new ArrayList<>();
        int from = leaf.line() - 1;
        for (DotenvFile.Entry e : DotenvFile.entries(leaf.value())) {
            int line = leaf.line();
            for (int j = Math.max(0, from); j < lines.size(); j++) {
                if (lines.get(j).contains(e.name() + "=")) {
                    line = j + 1;
                    from = j;
                    break;
                }
            }
            out.add(new Assignment(e.name(), e.value(), line, ""));
        }
        return out;
    }
}
