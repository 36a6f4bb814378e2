package io.credwatch.aws;

import java.util.Map;

/**
 * What an access key id is, read from its prefix (IAM unique identifiers): the one fact
 * that tells a key that lasts forever from one that dies within hours.
 */
public enum AccessKeyKind {
    LONG_TERM("long-term IAM user access key (AKIA)"),
    TEMPORARY("temporary STS credentials (ASIA)"),
    NOT_AN_ACCESS_KEY("an IAM identifier that is not an access key id"),
    UNKNOWN("an access key id of no known kind");

    /** Identifiers that show up where a key id belongs, usually pasted from the wrong field. */
    private static final Map<String, String> OTHER_IDS = Map.of(
            "AIDA", "IAM user id", "AROA", "IAM role id", "AGPA", "IAM group id",
            "ANPA", "managed policy id", "AIPA", "instance profile id", "APKA", "public key id",
            "ABIA", "STS bearer token", "ACCA", "context-specific credential");

    private final String description;

    AccessKeyKind(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    public static AccessKeyKind of(String accessKeyId) {
        String prefix = prefix(accessKeyId);
        if (prefix.equals("AKIA")) {
            return LONG_TERM;
        }
        if (prefix.equals("ASIA")) {
            return TEMPORARY;
        }
        return OTHER_IDS.containsKey(prefix) ? NOT_AN_ACCESS_KEY : UNKNOWN;
    }

    /** For an id that is not an access key, what it is (e.g. "IAM user id"). */
    public static String otherIdName(String accessKeyId) {
        return OTHER_IDS.getOrDefault(prefix(accessKeyId), "unknown");
    }

    /**
     * The key id as it may be shown: its kind prefix and last four characters. The id is not
     * a secret, but the full id is needless detail in a log or an alert.
     */
    public static String shown(String accessKeyId) {
        if (accessKeyId == null || accessKeyId.length() < 12) {
            return "(malformed, " + (accessKeyId == null ? 0 : accessKeyId.length()) + " characters)";
        }
        return accessKeyId.substring(0, 4) + "…" + accessKeyId.substring(accessKeyId.length() - 4);
    }

    private static String prefix(String accessKeyId) {
        return accessKeyId == null || accessKeyId.length() < 4 ? "" : accessKeyId.substring(0, 4);
    }
}
