package io.credwatch.exchange;

import io.credwatch.config.Environment;
import io.credwatch.fingerprint.SafeFingerprint;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The key each account of one configuration resolved at its latest run, and the environment it
 * was resolved under, so that one key serving two environments on this host is seen. Filled by
 * the runs themselves: it compares only keys the host resolves anyway, never reads a source for
 * it, and holds fingerprints, never a value. Built with the configuration's checks and dropped
 * with them.
 */
public final class SharedKeys {

    /**
     * @param account     the account id
     * @param environment the environment the source's name says, else the host's
     * @param source      the source that yielded the key, as {@code sourcesTried} names it
     */
    record Holder(String account, Environment environment, String source, SafeFingerprint key) {
    }

    private final ConcurrentMap<String, Holder> latest = new ConcurrentHashMap<>();

    /** Records the account's key for this run and answers the other accounts holding the same key. */
    List<Holder> hold(Holder holder) {
        latest.put(holder.account(), holder);
        return latest.values().stream()
                .filter(h -> !h.account().equals(holder.account()) && h.key().equals(holder.key()))
                .sorted(Comparator.comparing(Holder::account)).toList();
    }

    /** The account resolved no key this run: it holds none. */
    void release(String account) {
        latest.remove(account);
    }
}
