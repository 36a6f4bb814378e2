package io.credwatch.exchange;

import io.credwatch.testing.PemKeys;
import java.util.Optional;

/**
 * The whole Binance probe contract with an Ed25519 API key, the type Binance recommends: the
 * fake holds only the public key and checks each signature with it.
 */
class BinanceEd25519ProbeTest extends BinanceProbeTest {

    static final SelfGenerated KEYS = new SelfGenerated(PemKeys.ed25519(), PemKeys.ed25519());

    @Override
    Optional<SelfGenerated> selfGenerated() {
        return Optional.of(KEYS);
    }
}
