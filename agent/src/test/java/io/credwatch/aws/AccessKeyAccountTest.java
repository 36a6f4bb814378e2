package io.credwatch.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The account read offline from an access key id, against key ids published with their accounts. */
class AccessKeyAccountTest {

    /** An id of the newer generation for {@code account}: the inverse of the decoding, for tests. */
    static String keyOf(String prefix, String account) {
        String base32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        // 80 bits after the prefix: the generation bit, 40 bits of account, then filler.
        BigInteger bits = BigInteger.ONE.shiftLeft(79)
                .or(BigInteger.valueOf(Long.parseLong(account)).shiftLeft(39))
                .or(BigInteger.valueOf(0x2A5A5A5A5AL));
        StringBuilder id = new StringBuilder(prefix);
        for (int i = 15; i >= 0; i--) {
            id.append(base32.charAt(bits.shiftRight(i * 5).intValue() & 31));
        }
        return id.toString();
    }

    @Nested
    class PublishedPairs {

        @ParameterizedTest(name = "{0} is account {1}")
        @CsvSource({
            // Aidan Steele, "AWS Access Key ID formats" (2020), the account sts:GetAccessKeyInfo named;
            // decoded the same way by Tal Be'ery's "A short note on AWS KEY ID" (2023).
            "ASIAY34FZKBOKMUTVV7A, 609629065308",
            // A canary token's long-term key id, listed with its account by secret scanners' tests.
            "AKIAXYZDQCEN4B6JSJQI, 534261010715",
            // An id whose account bits are all zero: the twelve digits keep their leading zeros.
            "ASIAQAAAAAAAGMKEM7X5, 000000000000"})
        void theAccountIsReadFromTheId(String keyId, String account) {
            assertEquals(Optional.of(account), AccessKeyAccount.of(keyId));
        }
    }

    @Nested
    class OnlyTheNewerGeneration {

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {
            "AKIAIOSFODNN7EXAMPLE",   // AWS's documentation example: an older id (fifth character I)
            "AKIAJ2ZW3QKZEXAMPLE7",   // older generation, fifth character J
            "AKIAEXAMPLELONGTERM1",   // 1 is not base32: not an id AWS issues
            "AIDAY34FZKBOKMUTVV7A",   // a user id, not an access key id
            "ASIAY34FZKBOKMUTVV7",    // 19 characters
            "asiay34fzkbokmutvv7a",   // AWS ids are upper case
            ""})
        void nothingIsReadFromAnyOtherId(String keyId) {
            assertEquals(Optional.empty(), AccessKeyAccount.of(keyId));
        }

        @Test
        void nullIsNoId() {
            assertEquals(Optional.empty(), AccessKeyAccount.of(null));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"000000000001", "123456789012", "210987654321", "999999999999"})
    void everyAccountComesBackFromAnIdMadeForIt(String account) {
        assertEquals(Optional.of(account), AccessKeyAccount.of(keyOf("AKIA", account)));
        assertEquals(Optional.of(account), AccessKeyAccount.of(keyOf("ASIA", account)));
    }
}
