package io.credwatch.exchange;

import io.credwatch.check.Jitter;
import io.credwatch.config.ExchangeAccountConfig;
import io.credwatch.config.ExchangeType;
import io.credwatch.info.BuildInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Builds the probe for an exchange account: its type and base URL (empty: the exchange's
 * production URL), bound to the pauses every exchange host asked for and to the account's
 * budget of signed calls, both of which outlive the probes a reload replaces.
 */
public final class ExchangeProbes {

    /** When no attempt timeout is given, an attempt may use all the time the deadline leaves. */
    static final Duration NO_ATTEMPT_LIMIT = Duration.ofDays(1);

    private final Supplier<HttpClient> http;
    private final Clock clock;
    private final RandomGenerator random;
    private final HostBackoff hosts;
    private final CallBudgets budgets;
    private final String userAgent;

    /**
     * @param http      shared, built on first use ({@link io.credwatch.net.LazyHttpClient}); must not follow redirects
     * @param clock     signs timestamps and bounds attempts: it must tick (the probe sees skew as the bots do)
     * @param hosts     the pauses exchange hosts asked for; one for the whole agent
     * @param budgets   every account's signed calls of the last hour; one for the whole agent
     * @param userAgent what every request says it is, {@link BuildInfo#userAgent()}
     */
    public ExchangeProbes(Supplier<HttpClient> http, Clock clock, HostBackoff hosts, CallBudgets budgets,
                          String userAgent) {
        this(http, clock, Jitter.perThread(), hosts, budgets, userAgent);
    }

    /** With pauses and budgets of its own, for tests. */
    ExchangeProbes(Supplier<HttpClient> http, Clock clock) {
        this(http, clock, Jitter.perThread(), new HostBackoff(clock), new CallBudgets(clock),
                BuildInfo.load().userAgent());
    }

    ExchangeProbes(Supplier<HttpClient> http, Clock clock, RandomGenerator random, HostBackoff hosts,
                   CallBudgets budgets, String userAgent) {
        this.http = http;
        this.clock = clock;
        this.random = random;
        this.hosts = hosts;
        this.budgets = budgets;
        this.userAgent = userAgent;
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

    /** The probe of a configured account: its exchange, URL, attempt timeout and call budget. */
    public ExchangeProbe create(ExchangeAccountConfig account) {
        return create(account.type(), account.baseUrl(), account.timeout(),
                budgets.of(account.id(), account.maxPrivateCallsPerHour()));
    }

    /** A probe outside any account (tests, tools): the largest budget a configuration may give. */
    public ExchangeProbe create(ExchangeType type, String baseUrl) {
        return create(type, baseUrl, NO_ATTEMPT_LIMIT);
    }

    /** As {@link #create(ExchangeType, String)}, each attempt bounded by {@code attemptTimeout}. */
    public ExchangeProbe create(ExchangeType type, String baseUrl, Duration attemptTimeout) {
        return create(type, baseUrl, attemptTimeout, budgets.of("", CallBudgets.MOST_PER_HOUR));
    }

    /**
     * @param baseUrl        empty for production; else an http(s) URL (testnet, UAT, a local server)
     * @param attemptTimeout the longest one attempt may take (the account's {@code timeout})
     * @throws IllegalArgumentException for a URL that is not http(s) with a host
     */
    ExchangeProbe create(ExchangeType type, String baseUrl, Duration attemptTimeout, CallBudgets.CallBudget budget) {
        URI base = baseUrl == null || baseUrl.isBlank() ? productionUrl(type) : parse(baseUrl);
        ExchangeHttp exchangeHttp = new ExchangeHttp(http, base, clock, attemptTimeout, random,
                new ExchangeHttp.Manners(hosts, budget, userAgent, limitStatuses(type)));
        return switch (type) {
            case CRYPTOCOM -> new CryptoComProbe(exchangeHttp);
            case BYBIT -> new BybitProbe(exchangeHttp);
            case BINANCE -> new BinanceProbe(exchangeHttp);
            case KUCOIN -> new KucoinProbe(exchangeHttp);
            case ALPACA -> new AlpacaProbe(exchangeHttp, AlpacaEnvironment.of(base));
        };
    }

    /**
     * The HTTP statuses an exchange answers "too many" with, and the shortest pause each calls
     * for. 429 is everyone's; 418 is Binance's ban for asking on after a 429, and harmless to
     * honour from any. Besides: Bybit's 403 "access too frequent" is its IP limit, after which
     * one must "wait for at least 10 minutes" (v5, Rate Limit Rules); Binance's 403 is its web
     * application firewall's limit (General API Information).
     */
    static Map<Integer, Duration> limitStatuses(ExchangeType type) {
        return switch (type) {
            case BYBIT -> Map.of(429, Duration.ZERO, 418, Duration.ZERO, 403, Duration.ofMinutes(10));
            case BINANCE -> Map.of(429, Duration.ZERO, 418, Duration.ZERO, 403, Duration.ZERO);
            default -> Map.of(429, Duration.ZERO, 418, Duration.ZERO);
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
