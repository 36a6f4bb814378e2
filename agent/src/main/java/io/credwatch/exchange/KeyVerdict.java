package io.credwatch.exchange;

import io.credwatch.check.Category;
import io.credwatch.check.Durations;
import io.credwatch.check.ExpiryPolicy;
import io.credwatch.check.Finding;
import io.credwatch.check.Status;
import io.credwatch.config.ExchangeAccountConfig;
import io.credwatch.net.IpRange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What one probe of a key means for the operator: a refusal named by its likeliest cause
 * (with the egress IP and the account's allowlist deciding the codes exchanges use for
 * several causes), or, for an accepted key, what will stop it working next.
 *
 * @param account  the account's configuration index path, e.g. {@code exchanges[0]}, for remediations
 * @param key      the key's safe fingerprint as printed
 * @param egressIp this host's public IP, when known
 */
record KeyVerdict(ExchangeAccountConfig config, String account, String key, Optional<String> egressIp,
                  Instant now) {

    /** A clock this far off is already abnormal; exchanges refuse at about 5 s (Binance, Bybit recvWindow). */
    static final Duration SKEW_WARNING = Duration.ofSeconds(1);

    private String exchange() {
        return config.type().displayName();
    }

    /** Whether the configured allowlist rules the egress IP out; empty when either is unknown. */
    Optional<Boolean> egressOffAllowlist() {
        return egressOff(config.allowlist());
    }

    /** Whether the key's own binding (Bybit {@code ips}, KuCoin whitelist) rules the egress IP out. */
    Optional<Boolean> egressOffBoundIps(ProbeOutcome outcome) {
        return egressOff(outcome.boundIps().stream().filter(ip -> !ip.isBlank() && !ip.equals("*")).toList());
    }

    /** Empty when the list is empty (nothing bound) or the egress IP is unknown. */
    private Optional<Boolean> egressOff(List<String> entries) {
        if (entries.isEmpty() || egressIp.isEmpty()) {
            return Optional.empty();
        }
        String ip = egressIp.get();
        return Optional.of(entries.stream().map(IpRange::parse).flatMap(Optional::stream).noneMatch(r -> r.contains(ip)));
    }

    Finding refused(ProbeOutcome outcome) {
        String said = exchange() + " refuses key " + key + (outcome.errorCode().isEmpty() ? "" : " with "
                + outcome.errorCode()) + (outcome.message().isEmpty() ? "" : " (" + outcome.message() + ")");
        Category category = outcome.category();
        if (category == Category.AUTH_FAILED && outcome.ambiguous()) {
            return ambiguous(outcome, said);
        }
        return switch (category) {
            case IP_NOT_ALLOWLISTED -> ipRefused(said + ": the request's IP is not on the key's allowlist");
            case AUTH_FAILED -> new Finding(Status.CRITICAL, Category.AUTH_FAILED, said
                    + outcome.environmentMismatch().map(m -> "; " + m).orElse(""), wrongPair());
            case CLOCK_SKEW -> new Finding(Status.CRITICAL, Category.CLOCK_SKEW, said + outcome.clockOffset()
                    .map(o -> ": this host's clock is " + describe(o)).orElse(""), syncClock());
            case EXPIRED -> new Finding(Status.CRITICAL, Category.EXPIRED, said + ": the key has expired",
                    "create a new key on " + exchange() + " (bound to this host's IP "
                            + egressIp.orElse("<egress IP>") + ", so it does not expire), deploy it, delete the old one");
            case PERMISSION_MISSING -> new Finding(Status.CRITICAL, Category.PERMISSION_MISSING,
                    said + ": the key lacks a permission the read-only check needs",
                    "enable Read (and Trade if the bot trades) on key " + key + " in " + exchange()
                            + "'s API management; never Withdraw");
            case RATE_LIMITED -> rateLimited(outcome);
            default -> unreachable(outcome);
        };
    }

    /** The exchange refused for load, now or earlier for any account on its host: credwatch keeps away until then. */
    Finding rateLimited(ProbeOutcome outcome) {
        String until = outcome.retryAt().map(at -> " before " + at).orElse(" for a while");
        return new Finding(Status.UNKNOWN, Category.RATE_LIMITED,
                exchange() + " rate-limits this host; the key could not be checked: " + outcome.message(),
                "credwatch asks " + exchange() + " nothing" + until + ". Limits count per IP: the bots on this "
                        + "host share them, and may be what is near them; raise " + account
                        + ".interval if credwatch adds to it");
    }

    /** No answer that says anything about the key: a network failure, a 5xx, an answer not in the exchange's shape. */
    Finding unreachable(ProbeOutcome outcome) {
        Category category = outcome.category() == Category.NONE ? Category.BAD_RESPONSE : outcome.category();
        String what = switch (category) {
            case TIMEOUT -> "did not answer in time";
            case UNAVAILABLE -> "is unavailable";
            case BAD_RESPONSE -> "answered something that is not its API";
            default -> "could not be asked";
        };
        return new Finding(Status.UNKNOWN, category, exchange() + " " + what + ": " + outcome.message(),
                "check that this host reaches " + (config.baseUrl().isBlank() ? exchange() + "'s API"
                        : config.baseUrl()) + " (security group and NACL egress, proxy, DNS) and "
                        + exchange() + "'s status page");
    }

    /** Crypto.com 40101, Binance -2015: the key, the IP (or a permission) — the egress IP says which is likely. */
    private Finding ambiguous(ProbeOutcome outcome, String said) {
        Optional<Boolean> off = egressOffAllowlist();
        if (off.orElse(false)) {
            return ipRefused(said + "; the egress IP " + egressIp.get() + " is not in " + account
                    + ".allowlist, so the IP, not the key, is the likely cause");
        }
        if (off.isPresent()) {
            return new Finding(Status.CRITICAL, Category.AUTH_FAILED, said + "; the egress IP " + egressIp.get()
                    + " is on the allowlist, so the key pair is the likely cause", wrongPair());
        }
        String ip = egressIp.map(i -> "the egress IP " + i).orElse("this host's egress IP");
        return new Finding(Status.CRITICAL, Category.AUTH_FAILED, said + "; " + exchange()
                + " gives this code for a wrong key pair and for " + ip + " missing from the key's allowlist",
                "if the egress IP changed (see GET /egress), add " + egressIp.orElse("it") + " to key " + key
                        + "'s allowlist on " + exchange() + "; else " + wrongPair() + ". Set " + account
                        + ".allowlist to the key's IPs so credwatch can tell the two apart");
    }

    private Finding ipRefused(String summary) {
        return new Finding(Status.CRITICAL, Category.IP_NOT_ALLOWLISTED, summary, addIp());
    }

    private String addIp() {
        return "add " + egressIp.orElse("this host's egress IP (see GET /egress)") + " to the IP allowlist of key "
                + key + " in " + exchange() + "'s API management, and to " + account
                + ".allowlist; better, give the instance an Elastic IP so a stop/start cannot change it";
    }

    private String wrongPair() {
        return "compare key " + key + " with the key shown in " + exchange() + "'s API management and run "
                + "credwatch fingerprint wherever the bots load keys: if two places load different pairs, deploy the "
                + "current pair, key and secret together, to all of them";
    }

    private static String syncClock() {
        return "sync the clock: systemctl restart chronyd (the Amazon Time Sync Service is at 169.254.169.123)";
    }

    /** For a key the exchange accepted: everything that will stop it working, or make it a risk. */
    List<Finding> accepted(ProbeOutcome outcome, ExpiryPolicy expiry) {
        List<Finding> findings = new ArrayList<>();
        Optional<Boolean> offBound = egressOffBoundIps(outcome);
        if (offBound.orElse(false)) {
            findings.add(ipRefused("key " + key + " is bound to " + String.join(", ", outcome.boundIps())
                    + ", which does not include the egress IP " + egressIp.get()
                    + ": requests leaving by that IP will be refused"));
        } else if (egressOffAllowlist().orElse(false)) {
            findings.add(ipRefused("the egress IP " + egressIp.get() + " is not in " + account + ".allowlist ("
                    + String.join(", ", config.allowlist()) + "): a key bound to those IPs will be refused"));
        }
        outcome.keyExpiresAt().ifPresent(at -> findings.add(expiry(at, expiry)));
        if (outcome.withdrawalsEnabled()) {
            // An IP-bound key can only be abused from the bound IPs: still a risk, not an emergency.
            boolean bound = outcome.ipRestricted().orElse(!outcome.boundIps().isEmpty()
                    && !outcome.boundIps().contains("*"));
            findings.add(new Finding(bound ? Status.WARN : Status.CRITICAL, Category.PERMISSION_TOO_BROAD,
                    "key " + key + " may withdraw funds" + (bound ? "" : " and is not bound to any IP")
                            + ": a leak of this host's keys empties the account",
                    "turn off Withdraw on key " + key + " in " + exchange() + "'s API management; a trading "
                            + "bot never needs it"));
        }
        missing(outcome.permissions()).ifPresent(findings::add);
        outcome.account().filter(a -> a.accountBlocked() || a.tradingBlocked()).ifPresent(a ->
                findings.add(new Finding(Status.CRITICAL, Category.PERMISSION_MISSING, exchange() + " account of key "
                        + key + " is " + (a.accountBlocked() ? "blocked" : "blocked from trading") + " (status "
                        + a.status() + ")", "see " + exchange() + "'s dashboard and support: the key is fine, the account is not")));
        outcome.clockOffset().filter(o -> o.abs().compareTo(SKEW_WARNING) > 0).ifPresent(o ->
                findings.add(new Finding(Status.WARN, Category.CLOCK_SKEW, "this host's clock is " + describe(o)
                        + ": " + exchange() + " refuses signed requests at about 5 s", syncClock())));
        return findings;
    }

    private Finding expiry(Instant at, ExpiryPolicy policy) {
        if (ExpiryPolicy.expired(at, now)) {
            return new Finding(Status.CRITICAL, Category.EXPIRED, "key " + key + " expired at " + at,
                    "create a new key on " + exchange() + ", deploy it, delete the old one");
        }
        Status status = policy.statusAt(at, now);
        String left = Durations.approximate(Duration.between(now, at));
        if (status == Status.OK) {
            return Finding.ok("");
        }
        return new Finding(status, Category.KEY_EXPIRING, "key " + key + " expires in " + left + " (" + at + ")",
                "create a new key on " + exchange() + " and deploy it before " + at + "; on Bybit a key bound to "
                        + "IPs does not expire");
    }

    private Optional<Finding> missing(KeyPermissions permissions) {
        if (permissions.source() == KeyPermissions.Source.UNKNOWN) {
            return Optional.empty();
        }
        List<String> absent = new ArrayList<>();
        for (String required : config.requiredPermissions()) {
            Permission p = Permission.valueOf(required.toUpperCase(Locale.ROOT));
            if (!permissions.has(p)) {
                absent.add(required);
            }
        }
        if (absent.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Finding(Status.CRITICAL, Category.PERMISSION_MISSING, "key " + key + " lacks "
                + String.join(" and ", absent) + " permission, which " + account + ".requiredPermissions asks for"
                + (permissions.source() == KeyPermissions.Source.INFERRED ? " (inferred from the calls allowed)" : ""),
                "enable " + String.join(" and ", absent) + " on key " + key + " in " + exchange()
                        + "'s API management (never Withdraw)"));
    }

    /** The offset is the exchange's clock minus this host's: positive means this host is behind. */
    static String describe(Duration offset) {
        Duration abs = offset.abs();
        String size = abs.compareTo(Duration.ofMinutes(1)) < 0
                ? String.format(Locale.ROOT, "%.1f s", abs.toMillis() / 1000.0) : Durations.approximate(abs);
        return size + (offset.isNegative() ? " ahead of" : " behind") + " the exchange";
    }
}
