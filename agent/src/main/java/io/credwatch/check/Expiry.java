package io.credwatch.check;

import java.time.Instant;
import java.util.Objects;

/**
 * When a credential stops working, as a fact a face can export without reading prose.
 *
 * @param kind      what expires
 * @param name      which one, safe to show: a masked key id, an account id, a secret's name
 * @param at        when it expires (for a secret: when its rotation is due)
 * @param refreshed whether something renews it before then on its own (the SDK refreshing an
 *                  instance role's keys): such an expiry is no cause for alarm while it works
 */
public record Expiry(CredentialKind kind, String name, Instant at, boolean refreshed) {

    public Expiry {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        name = name == null ? "" : name;
    }

    public boolean passed(Instant now) {
        return !at.isAfter(now);
    }
}
