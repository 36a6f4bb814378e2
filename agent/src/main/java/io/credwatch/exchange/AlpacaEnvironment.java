package io.credwatch.exchange;

import java.net.URI;
import java.util.Locale;

/** Which Alpaca a base URL is; a local or unknown host is neither, and no mismatch is claimed. */
public enum AlpacaEnvironment {
    LIVE, PAPER, UNKNOWN;

    public static AlpacaEnvironment of(URI base) {
        String host = base.getHost() == null ? "" : base.getHost().toLowerCase(Locale.ROOT);
        if (host.equals("paper-api.alpaca.markets")) {
            return PAPER;
        }
        if (host.equals("api.alpaca.markets")) {
            return LIVE;
        }
        return UNKNOWN;
    }

    /** Paper keys begin {@code PK}, live keys {@code AK}: the wrong pair for the URL is a named mistake. */
    String mismatch(String key) {
        if (this == LIVE && key.startsWith("PK")) {
            return "paper key (PK…) against the live URL";
        }
        if (this == PAPER && key.startsWith("AK")) {
            return "live key (AK…) against the paper URL";
        }
        return null;
    }
}
