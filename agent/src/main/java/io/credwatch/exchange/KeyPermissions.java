package io.credwatch.exchange;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A key's permissions: normalized, and as the exchange names them ({@code Wallet:Withdraw},
 * {@code enableWithdrawals}, {@code General}).
 *
 * @param source whether the exchange stated them, credwatch inferred them from which calls
 *               were allowed (Crypto.com has no call that lists them), or nothing is known
 */
public record KeyPermissions(Source source, Set<Permission> normalized, List<String> raw) {

    public enum Source { REPORTED, INFERRED, UNKNOWN }

    public KeyPermissions {
        normalized = normalized.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(normalized));
        raw = List.copyOf(raw);
    }

    public static KeyPermissions unknown() {
        return new KeyPermissions(Source.UNKNOWN, Set.of(), List.of());
    }

    public boolean has(Permission permission) {
        return normalized.contains(permission);
    }
}
