package io.credwatch.exchange;

import io.credwatch.credential.ApiCredentials;
import io.credwatch.testing.PemKeys;

/** The whole Binance probe contract with an RSA API key, checked by the fake with the public key alone. */
class BinanceRsaProbeTest extends BinanceProbeTest {

    static final PemKeys.Pair KEY = PemKeys.rsa();
    static final PemKeys.Pair OTHER = PemKeys.rsa();

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
