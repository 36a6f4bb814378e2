package io.credwatch.exchange;

import io.credwatch.testing.PemKeys;
import java.util.Optional;

/** The whole Binance probe contract with an RSA API key, checked by the fake with the public key alone. */
class BinanceRsaProbeTest extends BinanceProbeTest {

    static final SelfGenerated KEYS = new SelfGenerated(PemKeys.rsa(), PemKeys.rsa());

    @Override
    Optional<SelfGenerated> selfGenerated() {
        return Optional.of(KEYS);
    }
}
