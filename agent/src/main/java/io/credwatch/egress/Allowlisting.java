package io.credwatch.egress;

import java.util.List;

/**
 * How the allowlists judged one IP.
 *
 * @param configured  false when no allowlist has an entry: nothing to compare with
 * @param allowedBy   the lists that hold the IP, as findings name them
 * @param missingFrom the lists that lack it
 */
record Allowlisting(boolean configured, List<String> allowedBy, List<String> missingFrom) {

    Allowlisting {
        allowedBy = List.copyOf(allowedBy);
        missingFrom = List.copyOf(missingFrom);
    }
}
