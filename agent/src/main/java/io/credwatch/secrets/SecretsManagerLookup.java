package io.credwatch.secrets;

import io.credwatch.awsclient.AwsFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.Filter;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsRequest;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;

/**
 * Secrets Manager's metadata calls, and only those: DescribeSecret and ListSecrets never
 * return a value, so nothing here can read one. Each call is bounded by the time the
 * caller gives it; failures are named by {@link AwsFailure} (error codes, never the SDK's
 * messages, which can echo a request).
 */
final class SecretsManagerLookup {

    /** The answer for one name: exactly one of found, missing or failed. */
    sealed interface Described permits Found, Missing, Failed {
    }

    record Found(SecretMetadata secret) implements Described {
    }

    record Missing() implements Described {
    }

    record Failed(AwsFailure failure) implements Described {
    }

    /** Every secret under a prefix, as far as the listing got; a failure stops it. */
    record Listing(List<SecretMetadata> secrets, int pages, Optional<AwsFailure> failure) {
    }

    /** ListSecrets' largest page (API reference, ListSecrets MaxResults). */
    private static final int PAGE = 100;

    private final Supplier<SecretsManagerClient> client;
    private final Clock clock;

    SecretsManagerLookup(Supplier<SecretsManagerClient> client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    Described describe(String name, Duration timeout) {
        Instant sent = clock.instant();
        try {
            return new Found(SecretMetadata.of(client.get().describeSecret(DescribeSecretRequest.builder()
                    .secretId(name)
                    .overrideConfiguration(o -> o.apiCallTimeout(timeout))
                    .build())));
        } catch (ResourceNotFoundException e) {
            return new Missing();
        } catch (SdkException e) {
            return new Failed(AwsFailure.of(e, sent));
        }
    }

    /**
     * Follows NextToken until the last page or a failure; a run out of time ends as the
     * failure of the page that got too little of it (a TIMEOUT).
     *
     * @param timeout asked before each page, so every page gets what is left of the run
     */
    Listing list(String prefix, Supplier<Duration> timeout) {
        List<SecretMetadata> found = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            Duration bound = timeout.get();
            Instant sent = clock.instant();
            ListSecretsResponse page;
            try {
                // The name filter is a case-sensitive prefix match (API reference, Filter).
                page = client.get().listSecrets(ListSecretsRequest.builder()
                        .filters(Filter.builder().key(FilterNameStringType.NAME).values(prefix).build())
                        .maxResults(PAGE)
                        .nextToken(next)
                        .overrideConfiguration(o -> o.apiCallTimeout(bound))
                        .build());
            } catch (SdkException e) {
                return new Listing(found, pages, Optional.of(AwsFailure.of(e, sent)));
            }
            pages++;
            for (SecretListEntry entry : page.secretList()) {
                found.add(SecretMetadata.of(entry));
            }
            next = page.nextToken();
        } while (next != null && !next.isEmpty());
        return new Listing(found, pages, Optional.empty());
    }
}
