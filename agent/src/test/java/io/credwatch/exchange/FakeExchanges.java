package io.credwatch.exchange;

import io.credwatch.config.ExchangeType;
import io.credwatch.credential.ApiCredentials;
import io.credwatch.testing.Loopback;
import java.security.PublicKey;

/**
 * The fake exchanges, for tests outside this package that need a whole exchange on loopback
 * rather than its knobs: one that knows one key pair and, as the worst case for leaks, quotes
 * each refused request (key, signature, headers) back in its error message.
 */
public final class FakeExchanges {

    private FakeExchanges() {
    }

    public static Loopback quotingRequests(ExchangeType type, ApiCredentials known) {
        FakeExchange fake = switch (type) {
            case CRYPTOCOM -> new FakeCryptoCom(known);
            case BYBIT -> new FakeBybit(known);
            case BINANCE -> new FakeBinance(known);
            case KUCOIN -> new FakeKucoin(known);
            case ALPACA -> new FakeAlpaca(known);
        };
        fake.echoRequests = true;
        return fake;
    }

    /** The same, for a self-generated key: the exchange knows the API key and the public half only. */
    public static Loopback quotingRequests(ExchangeType type, String apiKey, PublicKey registered) {
        FakeExchange fake = (FakeExchange) quotingRequests(type, ApiCredentials.of(apiKey, ""));
        fake.registered = registered;
        return fake;
    }
}
