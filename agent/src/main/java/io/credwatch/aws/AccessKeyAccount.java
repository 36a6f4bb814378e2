package io.credwatch.aws;

import java.util.Optional;

/**
 * The AWS account an access key id belongs to, read offline from the id itself, so it is
 * known even when STS cannot be reached. Not an AWS API: the layout was published by
 * researchers and matches what {@code sts:GetAccessKeyInfo} answers (Aidan Steele, "AWS Access
 * Key ID formats", 2020; Tal Be'ery, "A short note on AWS KEY ID", 2023; WithSecure Labs, "A
 * bitwise analysis of AWS access key identifiers"). STS's answer, when there is one, wins.
 *
 * <p>After the 4-character prefix the id is base32 (RFC 4648, A–Z and 2–7). Of the decoded
 * bytes, the first six read big-endian and masked with {@code 0x7fffffffff80}, then shifted
 * right by 7, are the account. Only ids of the newer generation carry it: their first bit
 * after the prefix is set (a fifth character from Q on). Older ids (AKIAI…, AKIAJ…) decode
 * to a number that is no account, so nothing is read from them.
 */
public final class AccessKeyAccount {

    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final int ID_LENGTH = 20;
    /** Ten base32 characters: 50 bits, enough to hold the first six decoded bytes. */
    private static final int CHARS_READ = 10;
    private static final long MASK = 0x7fffffffff80L;
    private static final long LARGEST_ACCOUNT = 999_999_999_999L;

    private AccessKeyAccount() {
    }

    /** The 12-digit account of an AKIA or ASIA id of the newer generation; empty for any other id. */
    public static Optional<String> of(String accessKeyId) {
        if (accessKeyId == null || accessKeyId.length() != ID_LENGTH
                || !(accessKeyId.startsWith("AKIA") || accessKeyId.startsWith("ASIA"))) {
            return Optional.empty();
        }
        long bits = 0;
        for (int i = 4; i < ID_LENGTH; i++) {
            int value = BASE32.indexOf(accessKeyId.charAt(i));
            // Not base32, or (first character) a value below 16: its top bit, the generation bit, unset.
            if (value < 0 || i == 4 && value < 16) {
                return Optional.empty();
            }
            if (i < 4 + CHARS_READ) {
                bits = bits << 5 | value;
            }
        }
        long firstSixBytes = bits >>> (CHARS_READ * 5 - 48);
        long account = (firstSixBytes & MASK) >>> 7;
        return account > LARGEST_ACCOUNT ? Optional.empty() : Optional.of(String.format("%012d", account));
    }
}
