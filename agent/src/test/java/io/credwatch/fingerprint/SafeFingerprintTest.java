package io.credwatch.fingerprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
}
