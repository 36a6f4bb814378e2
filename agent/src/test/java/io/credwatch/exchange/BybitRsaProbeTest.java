package io.credwatch.exchange;

import io.credwatch.testing.PemKeys;
import java.util.Optional;

/**
 * The whole Bybit probe contract with a self-generated RSA key: the fake holds only the public
 * key, as Bybit does, and checks {@code X-BAPI-SIGN} with it.
 */
class BybitRsaProbeTest extends BybitProbeTest {

    static final SelfGenerated KEYS = new SelfGenerated(PemKeys.rsa(), PemKeys.rsa());

    @Override
    Optional<SelfGenerated> selfGenerated() {
        return Optional.of(KEYS);
    }
}
