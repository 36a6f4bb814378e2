package io.credwatch.exchange;

import io.credwatch.credential.ApiCredentials;
import io.credwatch.testing.PemKeys;

/**
 * The whole Binance probe contract with an Ed25519 API key, the type Binance recommends: the
 * fake holds only the public key and checks each signature with it; a wrong secret is another
 * private key.
 */
class BinanceEd25519ProbeTest extends BinanceProbeTest {

    static final PemKeys.Pair KEY = PemKeys.ed25519();
    static final PemKeys.Pair OTHER = PemKeys.ed25519();

    @Override
    ApiCredentials credentials() {
        return KEY.credentials("probeKey0123456789abcdef");
    }

    @Override
    ApiCredentials withSecret(ApiCredentials c, String secret) {
        return OTHER.credentials(c.key());
    }

    @Override
    void register(FakeBinance exchange) {
        exchange.registered = KEY.publicKey();
    }
}
