package io.credwatch.exchange;

import io.credwatch.check.Jitter;
import io.credwatch.config.ExchangeType;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/** Builds the probe for an exchange account: its type and base URL (empty: the exchange's production URL). */
public final class ExchangeProbes {

    /** When no attempt timeout is given, an attempt may use all the time the deadline leaves. */
    static final Duration NO_ATTEMPT_LIMIT = Duration.ofDays(1);

    private final Supplier<HttpClient> http;
    private final Clock clock;
    private final RandomGenerator random;

    /**
     * @param http  shared, built on first use ({@link io.credwatch.net.LazyHttpClient}); must not follow redirects
     * @param clock signs timestamps and bounds attempts: it must tick (the probe sees skew as the bots do)
     */
    public ExchangeProbes(Supplier<HttpClient> http, Clock clock) {
        this(http, clock, Jitter.perThread());
    }

    ExchangeProbes(Supplier<HttpClient> http, Clock clock, RandomGenerator random) {
        this.http = http;
        this.clock = clock;
        this.random = random;
    }

    public static URI productionUrl(ExchangeType type) {
        return switch (type) {
            case CRYPTOCOM -> CryptoComProbe.PRODUCTION;
            case BYBIT -> BybitProbe.PRODUCTION;
            case BINANCE -> BinanceProbe.PRODUCTION;
            case KUCOIN -> KucoinProbe.PRODUCTION;
            case ALPACA -> AlpacaProbe.PRODUCTION;
        };
    }

    public ExchangeProbe create(ExchangeType type, String baseUrl) {
        return create(type, baseUrl, NO_ATTEMPT_LIMIT);
    }

    /**
     * @param baseUrl        empty for production; else an http(s) URL (testnet, UAT, a local server)
     * @param attemptTimeout the longest one attempt may take (the account's {@code timeout})
     * @throws IllegalArgumentException for a URL that is not http(s) with a host
     */
    public ExchangeProbe create(ExchangeType type, String baseUrl, Duration attemptTimeout) {
        URI base = baseUrl == null || baseUrl.isBlank() ? productionUrl(type) : parse(baseUrl);
        ExchangeHttp exchangeHttp = new ExchangeHttp(http, base, clock, attemptTimeout, random);
        return switch (type) {
            case CRYPTOCOM -> new CryptoComProbe(exchangeHttp);
            case BYBIT -> new BybitProbe(exchangeHttp);
            case BINANCE -> new BinanceProbe(exchangeHttp);
            case KUCOIN -> new KucoinProbe(exchangeHttp);
            case ALPACA -> new AlpacaProbe(exchangeHttp, AlpacaEnvironment.of(base));
        };
    }

    private static URI parse(String baseUrl) {
        URI uri;
        try {
            uri = URI.create(baseUrl.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("base URL is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null
                || uri.getRawUserInfo() != null || uri.getRawQuery() != null) {
            throw new IllegalArgumentException("base URL must be http(s) with a host, no user info and no query");
        }
        return uri;
    }
}
