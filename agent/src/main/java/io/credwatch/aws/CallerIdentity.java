package io.credwatch.aws;

import java.util.Optional;

/** Who AWS says the credentials belong to (STS GetCallerIdentity). None of it is secret. */
public record CallerIdentity(String account, String arn, String userId) {

    /**
     * The IAM user's name when the ARN names one ({@code arn:aws:iam::ACCOUNT:user/PATH/NAME}):
     * IAM's calls take the name alone, without its path. Empty for roles, sessions and root.
     */
    public Optional<String> userName() {
        String[] parts = arn == null ? new String[0] : arn.split(":", 6);
        if (parts.length < 6 || !parts[0].equals("arn") || !parts[2].equals("iam") || !parts[5].startsWith("user/")) {
            return Optional.empty();
        }
        String name = parts[5].substring(parts[5].lastIndexOf('/') + 1);
        return name.isEmpty() ? Optional.empty() : Optional.of(name);
    }
}
