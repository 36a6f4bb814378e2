package io.credwatch.secrets;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code services.<name>.environment} of a docker-compose file, in both forms compose
 * accepts: a map ({@code API_KEY: value}) and a list ({@code - API_KEY=value}). A list item
 * without {@code =} passes the variable through from the host and holds no value.
 */
final class ComposeReader implements FormatReader {

    @Override
    public List<Assignment> read(String text) throws UnparsableException {
        List<Assignment> out = new ArrayList<>();
        for (TreeLeaf leaf : TreeLeaves.of(text)) {
            List<Object> p = leaf.path();
            if (p.size() != 4 || !"services".equals(p.get(0)) || !"environment".equals(p.get(2))) {
                continue;
            }
            String where = " of service '" + p.get(1) + "'";
            if (p.get(3) instanceof String name) {
                out.add(new Assignment(name, leaf.value(), leaf.line(), where));
            } else {
                int eq = leaf.value().indexOf('=');
                if (eq > 0) {
                    out.add(new Assignment(leaf.value().substring(0, eq), leaf.value().substring(eq + 1), leaf.line(), where));
                }
            }
        }
        return out;
    }
}
