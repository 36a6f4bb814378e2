package io.credwatch.exchange;

import io.credwatch.credential.ApiCredentials;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credwatch.check.Category;
import io.credwatch.config.ExchangeType;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExchangeProbesTest {

    private final AtomicInteger clientsBuilt = new AtomicInteger();
    private final ExchangeProbes probes = new ExchangeProbes(() -> {
        clientsBuilt.incrementAndGet();
        return HttpClient.newHttpClient();
    }, Clock.systemUTC());

    @Test
    void everyExchangeHasAProbeAndAnHttpsProductionUrl() {
        for (ExchangeType type : ExchangeType.values()) {
            assertEquals(type, probes.create(type, "").exchange());
            assertEquals("https", ExchangeProbes.productionUrl(type).getScheme());
        }
        assertEquals(URI.create("https://api.crypto.com/exchange/v1"), ExchangeProbes.productionUrl(ExchangeType.CRYPTOCOM));
        assertEquals(0, clientsBuilt.get(), "no HTTP client is built before the first probe");
    }

    @Test
    void aBaseUrlMustBeHttpWithAHostAndNoCredentials() {
        assertThrows(IllegalArgumentException.class, () -> probes.create(ExchangeType.BYBIT, "ftp://example.com"));
        assertThrows(IllegalArgumentException.class, () -> probes.create(ExchangeType.BYBIT, "api-testnet.bybit.com"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> probes.create(ExchangeType.BYBIT, "https://user:hunter2secret@example.com"));
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertEquals(ExchangeType.BYBIT, probes.create(ExchangeType.BYBIT, "https://api-testnet.bybit.com/").exchange());
    }

    @Test
    void aProbeWhoseDeadlineHasPassedSendsNothingAndTimesOut() throws Exception {
        ProbeOutcome outcome = probes.create(ExchangeType.BINANCE, "http://127.0.0.1:9")
                .probe(ApiCredentials.of("k", "s"), Instant.now().minusSeconds(1));

        assertEquals(Category.TIMEOUT, outcome.category());
        assertTrue(outcome.message().contains("no time left"), outcome.message());
    }

    @Test
    void credentialsShowOnlyTheKeyFingerprint() {
        ApiCredentials credentials = new ApiCredentials("vectorKey0123456789", "vectorSecretABCDEFabcdef0123456789", "pp");

        assertEquals("ApiCredentials[key len=19 vect…6789 sha256:18d008f0ce, with passphrase]", credentials.toString());
    }
}
