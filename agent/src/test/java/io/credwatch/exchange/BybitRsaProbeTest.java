package io.credwatch.exchange;

import io.credwatch.credential.ApiCredentials;
import io.credwatch.testing.PemKeys;

/**
 * The whole Bybit probe contract with a self-generated RSA key: the fake holds only the public
 * key, as Bybit does, and checks {@code X-BAPI-SIGN} with it.
 */
class BybitRsaProbeTest extends BybitProbeTest {

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
    void register(FakeBybit exchange) {
        exchange.registered = KEY.publicKey();
    }
}
