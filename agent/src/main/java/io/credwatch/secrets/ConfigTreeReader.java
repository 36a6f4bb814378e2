package io.credwatch.secrets;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Any JSON or YAML configuration: a scalar under a key ({@code apiSecret: ...}), and the
 * {@code {name: X, value: Y}} pairs Kubernetes and ECS-like tools use for environments.
 */
final class ConfigTreeReader implements FormatReader {

    @Override
    public List<Assignment> read(String text) throws UnparsableException {
        List<TreeLeaf> leaves = TreeLeaves.of(text);
        List<Assignment> out = new ArrayList<>();
        Map<List<Object>, String> pairNames = new HashMap<>();
        for (TreeLeaf leaf : leaves) {
            if ("name".equalsIgnoreCase(String.valueOf(leaf.fromEnd(0)))) {
                pairNames.put(leaf.path().subList(0, leaf.path().size() - 1), leaf.value());
            }
        }
        for (TreeLeaf leaf : leaves) {
            String key = leaf.nearestName();
            if ("value".equalsIgnoreCase(key) && leaf.fromEnd(0) instanceof String) {
                String pairName = pairNames.get(leaf.path().subList(0, leaf.path().size() - 1));
                if (pairName != null) {
                    out.add(new Assignment(pairName, leaf.value(), leaf.line(), ""));
                    continue;
                }
            }
            out.add(new Assignment(key, leaf.value(), leaf.line(), ""));
        }
        return out;
    }
}
