package io.credwatch.exchange;

import io.credwatch.credential.ApiCredentials;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The published vectors of reference/exchanges.md (ccxt 4.5.84, fixed clock) and Binance's own example. */
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
