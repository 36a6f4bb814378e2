package io.credwatch.egress;

import java.util.Optional;

/**
 * The egress IP as the latest egress check decided it, for checks that need to name it (an
 * exchange that refuses a key for its IP). Narrow on purpose: those checks learn the IP, not
 * how it was found.
 */
public interface CurrentEgressIp {

    /** The IP of the latest run that decided one; empty before that. */
    Optional<String> current();
}
