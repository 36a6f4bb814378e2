package io.credwatch.exchange;

import io.credwatch.credential.ApiCredentials;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credwatch.config.KeyType;
import io.credwatch.fingerprint.SafeFingerprint;
import io.credwatch.testing.PemKeys;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The published vectors of reference/exchanges.md (ccxt 4.5.84, fixed clock) and Binance's own
 * example; for private keys, RFC 8032's Ed25519 vectors and Bybit's published RSA test key.
 */
class SignersTest {

    static final ApiCredentials VECTOR = new ApiCredentials("vectorKey0123456789",
            "vectorSecretABCDEFabcdef0123456789", "vectorPassphrase");
    static final long NONCE = 1_700_000_000_000L;
    static final long RECV_WINDOW = 5000;

    @Nested
    class CryptoCom {

        @Test
        void userBalanceWithEmptyParams() {
            assertEquals("8bcbfa13417c111bf844f1608326e4e4a4fe010767ebb3fed86d736ce58932cb",
                    CryptoComSigner.signature(VECTOR, "private/user-balance", NONCE, NONCE, Map.of()));
        }

        @Test
        void openOrdersWithEmptyParams() {
            assertEquals("8cd586b53485c95e7a46025ce80932127503fbd529f49ade973d4fb3ddf1ad4c",
                    CryptoComSigner.signature(VECTOR, "private/get-open-orders", NONCE, NONCE, Map.of()));
        }

        @Test
        void openOrdersWithParamsSortedByKey() {
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("page_size", 20);
            params.put("instrument_name", "BTC_USDT");

            assertEquals("ed8ad623e5ffe22cd87f3f100a13d8a314d027ca6e4e44f232e278f82b769d4b",
                    CryptoComSigner.signature(VECTOR, "private/get-open-orders", NONCE, NONCE, params));
        }

        @Test
        void nestedObjectsAndListsAreFlattenedInOrder() {
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("b", List.of(Map.of("y", 2, "x", 1), "z"));
            params.put("a", Map.of("d", "4", "c", 3));

            assertEquals("ac3d4bx1y2z", CryptoComSigner.paramString(params));
        }

        @Test
        void theBodySendsEmptyParamsAsAnObjectNeverAList() throws Exception {
            SignedRequest request = CryptoComSigner.request(VECTOR, "private/user-balance", NONCE, NONCE, Map.of());
            JsonNode body = new ObjectMapper().readTree(request.body());

            assertEquals("POST", request.method());
            assertEquals("/private/user-balance", request.pathAndQuery());
            assertTrue(body.get("params").isObject(), request.body());
            assertTrue(request.body().contains("\"params\":{}"), request.body());
            assertEquals(NONCE, body.get("id").asLong());
            assertEquals(NONCE, body.get("nonce").asLong());
            assertEquals("8bcbfa13417c111bf844f1608326e4e4a4fe010767ebb3fed86d736ce58932cb", body.get("sig").asText());
        }
    }

    @Nested
    class Bybit {

        @Test
        void queryApiWithEmptyQuery() {
            SignedRequest request = BybitSigner.get(VECTOR, NONCE, RECV_WINDOW, "/v5/user/query-api", "");

            assertEquals("340301fd953170ad4fee95de010f2a74d7b026f4c103de29876daed30b3c672b", request.headers().get("X-BAPI-SIGN"));
            assertEquals("/v5/user/query-api", request.pathAndQuery());
            assertEquals("1700000000000", request.headers().get("X-BAPI-TIMESTAMP"));
            assertEquals("5000", request.headers().get("X-BAPI-RECV-WINDOW"));
            assertEquals(VECTOR.key(), request.headers().get("X-BAPI-API-KEY"));
        }

        @Test
        void walletBalanceSignsTheQueryAsSent() {
            SignedRequest request = BybitSigner.get(VECTOR, NONCE, RECV_WINDOW, "/v5/account/wallet-balance",
                    "accountType=UNIFIED");

            assertEquals("7c0a0d14699bd0185aafde735c359cff61a7b4ff4c5a828e9ae4ebc87b7dc604", request.headers().get("X-BAPI-SIGN"));
            assertEquals("/v5/account/wallet-balance?accountType=UNIFIED", request.pathAndQuery());
        }
    }

    @Nested
    class Binance {

        @Test
        void apiRestrictionsAppendsTheSignatureLast() {
            SignedRequest request = BinanceSigner.get(VECTOR, NONCE, RECV_WINDOW, "/sapi/v1/account/apiRestrictions", "");

            assertEquals("/sapi/v1/account/apiRestrictions?timestamp=1700000000000&recvWindow=5000"
                    + "&signature=651af931f068e5e74a224ddd76be7a7aff191ba72140388d1a72df68316a3e4c", request.pathAndQuery());
            assertEquals(Map.of("X-MBX-APIKEY", VECTOR.key()), request.headers());
        }

        @Test
        void binancesOwnDocumentationExample() {
            ApiCredentials doc = ApiCredentials.of("vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A",
                    "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j");

            assertEquals("c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71", BinanceSigner.signature(doc,
                    "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559"));
        }
    }

    /**
     * Binance's Ed25519 and RSA keys sign the same parameter string; the signature is base64,
     * percent-encoded in the query (developers.binance.com, "Request Security", Ed25519 and RSA
     * examples). Binance publishes no Ed25519 private key, so RFC 8032's test 1 and 2 keys sign.
     */
    @Nested
    class BinanceWithAPrivateKey {

        static final String TEST_1_SEED = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
        static final String TEST_1_PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

        static ApiCredentials rfc8032(String seed) {
            String pem = PemKeys.pem("PRIVATE KEY", HexFormat.of().parseHex("302e020100300506032b657004220420" + seed));
            return ApiCredentials.of(VECTOR.key(), pem).signingWith(KeyType.ED25519).ready().orElseThrow();
        }

        @Test
        void theSignatureIsTheBase64Ed25519SignatureOfTheParameters() {
            ApiCredentials test2 = rfc8032("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb");

            // RFC 8032 7.1 test 2: the message is the one byte 0x72, "r".
            assertEquals(Base64.getEncoder().encodeToString(HexFormat.of().parseHex("92a009a9f0d4cab8720e820b5f642540a2b"
                    + "27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00")),
                    BinanceSigner.signature(test2, "r"));
        }

        @Test
        void apiRestrictionsCarriesThePercentEncodedSignatureLastThatThePublicKeyVerifies() throws Exception {
            SignedRequest request = BinanceSigner.get(rfc8032(TEST_1_SEED), NONCE, RECV_WINDOW,
                    "/sapi/v1/account/apiRestrictions", "");
            PublicKey published = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(
                    HexFormat.of().parseHex("302a300506032b6570032100" + TEST_1_PUBLIC)));

            String prefix = "/sapi/v1/account/apiRestrictions?timestamp=1700000000000&recvWindow=5000&signature=";
            assertTrue(request.pathAndQuery().startsWith(prefix), request.pathAndQuery());
            String sent = request.pathAndQuery().substring(prefix.length());
            assertTrue(sent.matches("[A-Za-z0-9%]+"), "percent-encoded base64: " + sent);
            assertTrue(verifies("Ed25519", published, "timestamp=1700000000000&recvWindow=5000",
                    URLDecoder.decode(sent, StandardCharsets.UTF_8)));
            assertEquals(Map.of("X-MBX-APIKEY", VECTOR.key()), request.headers());
        }
    }

    /**
     * Bybit's self-generated keys sign the HMAC string with RSA, base64 in {@code X-BAPI-SIGN}
     * (bybit-exchange.github.io/docs/v5/guide, "Create A Request"); the key is Bybit's published
     * test pair (bybit-exchange.github.io/docs/v5/asset/fiat-convert/signature-algorithm).
     */
    @Nested
    class BybitWithAnRsaKey {

        static final String PUBLISHED_PUBLIC = "MIGJAoGBAOFSnhqtu40TOtok+yXeB+O76PXb/VAJU4Yih6hViOdSGd7imWmCSZyP"
                + "psl3TmLhUoB+rTzYDdYrlYYng6cVn6yUhxjpMWD4Qp5K4GzjvUM0f+AxlKYMj8OQ"
                + "AgDPmZG1a5ydFrje4PLytC7sUw3GP4TTk8xg6iMHmYPdRDv7AEWdAgMBAAE=";

        /** Bybit publishes the PKCS#1 RSAPublicKey; the JDK reads it inside a SubjectPublicKeyInfo. */
        static byte[] publishedSubjectPublicKeyInfo() {
            byte[] pkcs1 = Base64.getDecoder().decode(PUBLISHED_PUBLIC);
            byte[] header = HexFormat.of().parseHex("30819f300d06092a864886f70d010101050003818d00");
            byte[] info = Arrays.copyOf(header, header.length + pkcs1.length);
            System.arraycopy(pkcs1, 0, info, header.length, pkcs1.length);
            return info;
        }

        @Test
        void queryApiSignsTheSameStringAsHmacWithRsaInBase64() throws Exception {
            ApiCredentials rsa = ApiCredentials.of(VECTOR.key(), PemKeys.BYBIT_EXAMPLE_RSA)
                    .signingWith(KeyType.RSA).ready().orElseThrow();
            PublicKey published = KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(publishedSubjectPublicKeyInfo()));

            SignedRequest request = BybitSigner.get(rsa, NONCE, RECV_WINDOW, "/v5/user/query-api", "");

            assertTrue(verifies("SHA256withRSA", published, "1700000000000" + VECTOR.key() + "5000",
                    request.headers().get("X-BAPI-SIGN")), request.headers()::toString);
            assertEquals(SafeFingerprint.ofPublicKey(publishedSubjectPublicKeyInfo()),
                    rsa.signingKey().orElseThrow().publicKeyFingerprint(), "the public half derived is the published one");
            assertEquals("/v5/user/query-api", request.pathAndQuery());
        }
    }

    static boolean verifies(String algorithm, PublicKey key, String message, String base64) throws Exception {
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(key);
        verifier.update(message.getBytes(StandardCharsets.UTF_8));
        return verifier.verify(Base64.getDecoder().decode(base64));
    }

    @Nested
    class Kucoin {

        @Test
        void apiKeySignatureAndVersion2Passphrase() {
            SignedRequest request = KucoinSigner.get(VECTOR, NONCE, "/api/v1/user/api-key");

            assertEquals("MAhSuh/z79nMMB9qYIzyO6xPD+O2/4+M5qG/mnouQ6M=", request.headers().get("KC-API-SIGN"));
            assertEquals("yNnQ8+pzS9IUy1uu2afZKCO4YG3LKdSPb7b9Oo5lCMg=", request.headers().get("KC-API-PASSPHRASE"));
            assertEquals("2", request.headers().get("KC-API-KEY-VERSION"));
            assertEquals("1700000000000", request.headers().get("KC-API-TIMESTAMP"));
        }
    }

    @Nested
    class Alpaca {

        @Test
        void sendsTheKeyPairInHeadersAndSignsNothing() {
            SignedRequest request = AlpacaSigner.get(VECTOR, "/v2/account");

            assertEquals(Map.of("APCA-API-KEY-ID", VECTOR.key(), "APCA-API-SECRET-KEY", VECTOR.secret()), request.headers());
        }
    }

    @Test
    void aSignedRequestShowsOnlyItsMethodAndPath() {
        SignedRequest request = BinanceSigner.get(VECTOR, NONCE, RECV_WINDOW, "/sapi/v1/account/apiRestrictions", "");

        assertEquals("GET /sapi/v1/account/apiRestrictions", request.toString());
        assertEquals("GET /v2/account", AlpacaSigner.get(VECTOR, "/v2/account").toString());
    }
}
