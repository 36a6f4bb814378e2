package io.credwatch.fingerprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SafeFingerprintTest {

    @Test
    void anIdentifierShowsLengthEndsAndHashPrefix() {
        SafeFingerprint fp = SafeFingerprint.ofIdentifier("vectorKey0123456789");

        assertEquals(19, fp.length());
        assertEquals("vect", fp.head());
        assertEquals("6789", fp.tail());
        assertEquals("18d008f0ce", fp.sha256Prefix());
        assertEquals("len=19 vect…6789 sha256:18d008f0ce", fp.toString());
    }

    @Test
    void aSecretShowsOnlyLengthAndHashPrefix() {
        SafeFingerprint fp = SafeFingerprint.ofSecret("vectorSecretABCDEFabcdef0123456789");

        assertEquals("len=34 sha256:" + fp.sha256Prefix(), fp.toString());
        assertFalse(fp.toString().contains("vect"));
    }

    @Test
    void theSameValueGivesTheSameFingerprintOnEveryHost() {
        assertEquals(SafeFingerprint.ofIdentifier("AKIAEXAMPLEKEY123456"), SafeFingerprint.ofIdentifier("AKIAEXAMPLEKEY123456"));
        assertEquals("e3b0c44298", SafeFingerprint.ofSecret("").sha256Prefix());
    }

    @Test
    void aShortIdentifierShowsNoEnds() {
        assertEquals("len=8 sha256:" + SafeFingerprint.ofSecret("abcdefgh").sha256Prefix(),
                SafeFingerprint.ofIdentifier("abcdefgh").toString());
    }

    /**
     * RFC 8032's test 1 public key as X.509 DER: what {@code openssl pkey -pubout -outform DER |
     * sha256sum} prints for its private key starts with 06e3fd8fda, which an operator can compare.
     */
    @Test
    void aPublicKeyShowsTheLengthAndHashOfItsDerEncoding() {
        byte[] der = HexFormat.of().parseHex("302a300506032b6570032100"
                + "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");

        assertEquals("len=44 sha256:06e3fd8fda", SafeFingerprint.ofPublicKey(der).toString());
    }
}
