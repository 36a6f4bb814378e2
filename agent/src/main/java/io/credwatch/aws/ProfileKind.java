package io.credwatch.aws;

import java.util.Map;

/** What a named profile in the shared files holds, which decides whether anything refreshes it. */
public enum ProfileKind {
    /** {@code aws_access_key_id} in the file: nothing refreshes it, whatever its kind. */
    STATIC_KEYS("static keys in the profile", false),
    ASSUME_ROLE("assumes a role (role_arn)", true),
    SSO("IAM Identity Center (SSO)", true),
    CREDENTIAL_PROCESS("credential_process", true),
    UNKNOWN("not found in the shared files", false);

    private final String description;
    private final boolean refreshedBySdk;

    ProfileKind(String description, boolean refreshedBySdk) {
        this.description = description;
        this.refreshedBySdk = refreshedBySdk;
    }

    public String description() {
        return description;
    }

    public boolean refreshedBySdk() {
        return refreshedBySdk;
    }

    /** Classified as the SDK resolves a profile: static keys win over everything else. */
    public static ProfileKind of(Map<String, String> properties) {
        if (properties.containsKey("aws_access_key_id")) {
            return STATIC_KEYS;
        }
        if (properties.containsKey("role_arn")) {
            return ASSUME_ROLE;
        }
        if (properties.containsKey("sso_session") || properties.containsKey("sso_start_url")) {
            return SSO;
        }
        if (properties.containsKey("credential_process")) {
            return CREDENTIAL_PROCESS;
        }
        return UNKNOWN;
    }
}
