package io.credwatch.aws;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

/**
 * The credentials the chain resolved, with where they came from. Holds the secret (the STS
 * call needs it), so {@link #toString()} shows the source and never the credentials.
 *
 * @param source         the link with its specifics, e.g. {@code profile 'trading' (static keys in the profile)}
 * @param refreshedBySdk whether the SDK will fetch new ones before these expire
 * @param skipped        the links before the winner that supplied nothing
 */
public record ResolvedCredentials(CredentialLink link, String source, AwsCredentials credentials,
                                  Optional<Instant> expiry, boolean refreshedBySdk, List<LinkAttempt> skipped) {

    public ResolvedCredentials {
        skipped = List.copyOf(skipped);
    }

    public String accessKeyId() {
        return credentials.accessKeyId();
    }

    public AccessKeyKind kind() {
        return AccessKeyKind.of(credentials.accessKeyId());
    }

    @Override
    public String toString() {
        return "ResolvedCredentials[" + source + ", key " + AccessKeyKind.shown(accessKeyId()) + "]";
    }
}
