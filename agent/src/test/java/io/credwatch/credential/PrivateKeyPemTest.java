package io.credwatch.credential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.credwatch.config.KeyType;
import io.credwatch.fingerprint.SafeFingerprint;
import io.credwatch.testing.PemKeys;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reading an exchange private key from the PEM a bot reads, signing with it and showing its
 * public half: against published vectors, and for every way the PEM can be wrong, a reason
 * that names the problem and shows nothing of the key.
 */
class PrivateKeyPemTest {

    static final PemKeys.Pair ED25519 = PemKeys.ed25519();
    static final PemKeys.Pair RSA = PemKeys.rsa();
    private static final HexFormat HEX = HexFormat.of();

    static KeyReading read(KeyType type, String pem) {
        return ApiCredentials.of("apiKey0123456789abcd", pem).signingWith(type);
    }

    static SigningKey key(KeyType type, String pem) {
        KeyReading reading = read(type, pem);
        assertTrue(reading.usable(), reading::problem);
        return reading.ready().orElseThrow().signingKey().orElseThrow();
    }

    /** PrivateKeyInfo for an Ed25519 seed (RFC 8410, section 7), as openssl writes it. */
    static String ed25519Pem(String seedHex) {
        return PemKeys.pem("PRIVATE KEY", HEX.parseHex("302e020100300506032b657004220420" + seedHex));
    }

    /** SubjectPublicKeyInfo for an Ed25519 public key (RFC 8410, section 4). */
    static SafeFingerprint ed25519Public(String publicHex) {
        return SafeFingerprint.ofPublicKey(HEX.parseHex("302a300506032b6570032100" + publicHex));
    }

    /** The RSAPrivateKey (PKCS#1) inside a JDK-made PKCS#8 key of 2048 bits, after its 26-byte header. */
    static String pkcs1Pem(PemKeys.Pair rsa) {
        byte[] pkcs8 = Base64.getDecoder().decode(rsa.body());
        assertEquals(0x04, pkcs8[22], "the OCTET STRING holding the RSAPrivateKey");
        return PemKeys.pem("RSA PRIVATE KEY", Arrays.copyOfRange(pkcs8, 26, pkcs8.length));
    }

    /** Test vectors 1 and 2 of RFC 8032, section 7.1 (https://www.rfc-editor.org/rfc/rfc8032#section-7.1). */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "test 1: the empty message, 9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60, "
                    + "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a, '', "
                    + "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25"
                    + "bf5f0595bbe24655141438e7a100b",
            "test 2: one byte 0x72, 4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb, "
                    + "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c, r, "
                    + "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c3"
                    + "87b2eaeb4302aeeb00d291612bb0c00"})
    void theRfc8032VectorsSignAndDeriveThePublicKey(String vector, String seed, String publicKey, String message,
                                                     String signature) {
        SigningKey key = key(KeyType.ED25519, ed25519Pem(seed));

        assertEquals(signature, HEX.formatHex(key.sign(message)));
        assertEquals(ed25519Public(publicKey), key.publicKeyFingerprint());
    }

    /**
     * Bybit's published RSA example, a PKCS#1 key "for testing only" and the base64
     * SHA256withRSA signature of a timestamp and a body
     * (https://bybit-exchange.github.io/docs/v5/asset/fiat-convert/signature-algorithm).
     */
    @Nested
    class BybitsPublishedRsaExample {

        static final String CONTENT = "1751441054{\"merchantId\":\"bybit\",\"clientId\":\"xx\",\"paymentType\":"
                + "\"E_COMMERCE\",\"merchantTradeNo\":\"8751738a-97a4-49da-8b64-185ffcb98a7a\",\"payId\":"
                + "\"01JXWP4XK4ZRVYD3HT9PD52KCD\",\"status\":\"PAY_SUCCESS\",\"amount\":\"1.23\",\"currency\":\"USDT\","
                + "\"currencyType\":\"crypto\",\"createTime\":1750088344,\"paymentTime\":1750088344,\"finishTime\":"
                + "1750088344,\"customer\":{\"external_user_id\":\"123\",\"user_name\":\"tester\",\"register_time\":"
                + "\"1750088344\",\"kyc_country\":\"HK\",\"uid\":\"foo\"}}";

        @Test
        void aPkcs1KeySignsAsBybitsExampleSays() {
            assertEquals("vOyN+NnfWppnhxS6y1D+CAllj6Z/3np1Tm+nrt16e/EDl4VZjU2sVPSS/cBcf5Hy/jBarA8Y7yrvYqJonJAsAZcFKu9t"
                    + "wW2XWyMbURC63Iumh5gkAE9UEx4/irpX4W6KXhqc2+7wc1tapC5zfVWRMIQ5Dh+7VscxLY+/WjKb/Vw=",
                    Base64.getEncoder().encodeToString(key(KeyType.RSA, PemKeys.BYBIT_EXAMPLE_RSA).sign(CONTENT)));
        }
    }

    @Nested
    class ThePublicHalf {

        @Test
        void isWhatTheExchangeHoldsForBothKeyTypes() {
            assertEquals(SafeFingerprint.ofPublicKey(ED25519.publicKey().getEncoded()),
                    key(KeyType.ED25519, ED25519.pem()).publicKeyFingerprint());
            assertEquals(SafeFingerprint.ofPublicKey(RSA.publicKey().getEncoded()),
                    key(KeyType.RSA, RSA.pem()).publicKeyFingerprint());
        }

        @Test
        void aPkcs1AndAPkcs8FormOfOneRsaKeyAreTheSameKey() {
            SigningKey pkcs8 = key(KeyType.RSA, RSA.pem());
            SigningKey pkcs1 = key(KeyType.RSA, pkcs1Pem(RSA));

            assertEquals(pkcs8.publicKeyFingerprint(), pkcs1.publicKeyFingerprint());
            assertEquals(HEX.formatHex(pkcs8.sign("timestamp=1")), HEX.formatHex(pkcs1.sign("timestamp=1")));
        }

        @Test
        void aKeyOfAnotherAccountShowsAnotherFingerprint() {
            assertFalse(key(KeyType.ED25519, ED25519.pem()).publicKeyFingerprint()
                    .equals(key(KeyType.ED25519, PemKeys.ed25519().pem()).publicKeyFingerprint()));
        }
    }

    /** As env files, consoles and secret stores hand a PEM over. */
    @Nested
    class ThePemAsSourcesHoldIt {

        @Test
        void onOneLineWithItsNewlinesWrittenAsBackslashN() {
            String oneLine = ED25519.pem().strip().replace("\n", "\\n");

            assertEquals(key(KeyType.ED25519, ED25519.pem()).publicKeyFingerprint(),
                    key(KeyType.ED25519, oneLine).publicKeyFingerprint());
        }

        @Test
        void withWindowsLineEndsAndWordsAroundIt() {
            String pem = "Bag Attributes\r\n    friendlyName: bot\r\n" + RSA.pem().replace("\n", "\r\n") + "\r\n";

            assertEquals(key(KeyType.RSA, RSA.pem()).publicKeyFingerprint(), key(KeyType.RSA, pem).publicKeyFingerprint());
        }

        @Test
        void anHmacSecretIsUsedAsItIs() {
            ApiCredentials pair = ApiCredentials.of("apiKey0123456789abcd", "an-hmac-secret-0000");

            KeyReading reading = pair.signingWith(KeyType.HMAC);

            assertSame(pair, reading.ready().orElseThrow());
            assertTrue(pair.signingKey().isEmpty());
        }
    }

    /** Every way the PEM can be wrong: CRITICAL material for the check, so the reason must be exact and clean. */
    @Nested
    class UnusableKeys {

        static String unusable(KeyType type, String pem, PemKeys.Pair... shownNothingOf) {
            KeyReading reading = read(type, pem);
            assertFalse(reading.usable(), () -> "parsed: " + reading);
            String problem = reading.problem();
            assertFalse(problem.contains("\n") || problem.contains("Exception"), problem);
            for (PemKeys.Pair pair : shownNothingOf) {
                for (String piece : pair.pieces(16)) {
                    assertFalse(problem.contains(piece), () -> "shows '" + piece + "': " + problem);
                }
            }
            return problem;
        }

        @Test
        void textThatIsNoPem() {
            assertEquals("the ed25519 private key does not parse as PKCS#8 PEM: there is no -----BEGIN PRIVATE KEY----- "
                    + "line", unusable(KeyType.ED25519, ED25519.body()));
        }

        @Test
        void aPemCutShortInItsBody() {
            String pem = RSA.pem().substring(0, RSA.pem().length() / 2);

            assertEquals("the rsa private key does not parse as PKCS#8 PEM: -----BEGIN PRIVATE KEY----- has no END line "
                    + "(cut short?)", unusable(KeyType.RSA, pem, RSA));
        }

        @Test
        void aPemMissingALineOfItsBody() {
            List<String> lines = RSA.pem().lines().collect(Collectors.toList());
            lines.remove(5);

            assertEquals("the rsa private key does not parse as PKCS#8 PEM: the key inside is cut short or damaged",
                    unusable(KeyType.RSA, String.join("\n", lines), RSA));
        }

        @Test
        void aBodyThatIsNotBase64() {
            String pem = ED25519.pem().replace("-----\n", "-----\n!");

            assertEquals("the ed25519 private key does not parse as PKCS#8 PEM: the text between its lines is not base64",
                    unusable(KeyType.ED25519, pem, ED25519));
        }

        @Test
        void anRsaKeyGivenAsEd25519InEitherForm() {
            String expected = "the ed25519 private key is an RSA key, not ed25519";

            assertEquals(expected, unusable(KeyType.ED25519, RSA.pem(), RSA));
            assertEquals(expected, unusable(KeyType.ED25519, pkcs1Pem(RSA), RSA));
        }

        @Test
        void anEd25519KeyGivenAsRsa() {
            assertEquals("the rsa private key is an Ed25519 key, not rsa",
                    unusable(KeyType.RSA, ED25519.pem(), ED25519));
        }

        @Test
        void anEcdsaKey() throws Exception {
            KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
            ec.initialize(256);
            String pem = PemKeys.pem("PRIVATE KEY", ec.generateKeyPair().getPrivate().getEncoded());

            assertEquals("the ed25519 private key is an EC (ECDSA) key, not ed25519",
                    unusable(KeyType.ED25519, pem));
        }

        @Test
        void anEncryptedKeyInEitherForm() {
            String pkcs8 = PemKeys.pem("ENCRYPTED PRIVATE KEY", Base64.getDecoder().decode(RSA.body()));
            String pkcs1 = pkcs1Pem(RSA).replace("KEY-----\n", "KEY-----\nProc-Type: 4,ENCRYPTED\n"
                    + "DEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\n");

            assertTrue(unusable(KeyType.RSA, pkcs8, RSA).startsWith("the rsa private key is encrypted"));
            assertTrue(unusable(KeyType.RSA, pkcs1, RSA).startsWith("the rsa private key is encrypted"));
        }

        @Test
        void thePublicKeyInsteadOfThePrivateOne() {
            String pem = PemKeys.pem("PUBLIC KEY", ED25519.publicKey().getEncoded());

            assertEquals("the ed25519 private key is a public key (-----BEGIN PUBLIC KEY-----): the private half "
                    + "belongs here; the exchange holds the public one", unusable(KeyType.ED25519, pem));
        }

        @Test
        void anOpenSshKey() {
            String pem = PemKeys.pem("OPENSSH PRIVATE KEY", "openssh-key-v1".getBytes(StandardCharsets.US_ASCII));

            assertEquals("the ed25519 private key does not parse as PKCS#8 PEM: it is a -----BEGIN OPENSSH PRIVATE "
                    + "KEY----- block, not -----BEGIN PRIVATE KEY-----", unusable(KeyType.ED25519, pem));
        }
    }

    @Nested
    class WhatIsShown {

        @Test
        void aParsedKeyPrintsItsTypeAndPublicFingerprintOnly() {
            for (PemKeys.Pair pair : List.of(ED25519, RSA)) {
                ApiCredentials ready = pair.credentials("apiKey0123456789abcd");
                SigningKey key = ready.signingKey().orElseThrow();
                String shown = ready + " " + key + " " + read(pair.type(), pair.pem());

                assertTrue(shown.contains(pair.type().label() + " private key, public " + key.publicKeyFingerprint()),
                        shown);
                for (String piece : pair.pieces(16)) {
                    assertFalse(shown.contains(piece), () -> "shows '" + piece + "': " + shown);
                }
            }
        }
    }
}
