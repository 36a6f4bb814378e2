package io.credwatch.aws;

import io.credwatch.awsclient.AwsText;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.auth.credentials.WebIdentityTokenFileCredentialsProvider;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileFileSystemSetting;

/**
 * The SDK's default credential chain, link by link, so that the answer says which link won
 * and why each one before it did not. The providers are the SDK's own classes in the SDK's
 * own order ({@code DefaultCredentialsProvider}), so the winner is what every SDK application
 * on the host resolves. They are built afresh on every run: a run proves the credentials can
 * be fetched now (an instance profile's refresh works), not that they could be at start-up.
 */
public final class CredentialChain {

    /** The variable {@code aws configure export-credentials --format env} and aws-vault write. */
    static final String EXPIRATION_VARIABLE = "AWS_CREDENTIAL_EXPIRATION";

    private record Link(CredentialLink kind, Supplier<AwsCredentialsProvider> provider) {
    }

    private final List<Link> links;
    private final Function<String, String> environment;

    private CredentialChain(List<Link> links, Function<String, String> environment) {
        this.links = List.copyOf(links);
        this.environment = environment;
    }

    /** The chain as {@code DefaultCredentialsProvider} builds it. */
    public static CredentialChain standard() {
        return standard(System::getenv);
    }

    /** @param environment where {@value #EXPIRATION_VARIABLE} is read (tests cannot set real variables) */
    public static CredentialChain standard(Function<String, String> environment) {
        return new CredentialChain(List.of(
                new Link(CredentialLink.SYSTEM_PROPERTIES, SystemPropertyCredentialsProvider::create),
                new Link(CredentialLink.ENVIRONMENT, EnvironmentVariableCredentialsProvider::create),
                new Link(CredentialLink.WEB_IDENTITY, WebIdentityTokenFileCredentialsProvider::create),
                new Link(CredentialLink.PROFILE, ProfileCredentialsProvider::create),
                new Link(CredentialLink.CONTAINER, () -> ContainerCredentialsProvider.builder().build()),
                new Link(CredentialLink.INSTANCE_PROFILE, () -> InstanceProfileCredentialsProvider.builder().build())),
                environment);
    }

    /** A chain of chosen links, in the given order: for tests, which cannot set real variables. */
    static CredentialChain of(Map<CredentialLink, Supplier<AwsCredentialsProvider>> links,
                              Function<String, String> environment) {
        List<Link> list = new ArrayList<>();
        links.forEach((kind, provider) -> list.add(new Link(kind, provider)));
        return new CredentialChain(list, environment);
    }

    /** What one run of the chain found: the winner, if any, and every link that supplied nothing. */
    public record Resolution(Optional<ResolvedCredentials> found, List<LinkAttempt> attempts) {
        public Resolution {
            attempts = List.copyOf(attempts);
        }
    }

    public Resolution resolve() {
        return resolve(Map.of());
    }

    /**
     * @param notAsked links not to ask, with the reason to report instead: the instance-profile
     *                 link once IMDS has failed or listed no role this run, as the SDK's provider
     *                 has no bound of its own on how long or how much it reads
     */
    public Resolution resolve(Map<CredentialLink, String> notAsked) {
        List<LinkAttempt> attempts = new ArrayList<>();
        for (Link link : links) {
            if (notAsked.containsKey(link.kind())) {
                attempts.add(new LinkAttempt(link.kind(), "not asked: " + notAsked.get(link.kind())));
                continue;
            }
            AwsCredentialsProvider provider = null;
            try {
                provider = link.provider().get();
                AwsCredentials credentials = provider.resolveCredentials();
                return new Resolution(Optional.of(describe(link.kind(), credentials, attempts)), attempts);
            } catch (RuntimeException e) {
                attempts.add(new LinkAttempt(link.kind(), AwsText.reason(e)));
            } finally {
                if (provider instanceof AutoCloseable closeable) {
                    closeQuietly(closeable);
                }
            }
        }
        return new Resolution(Optional.empty(), attempts);
    }

    private ResolvedCredentials describe(CredentialLink link, AwsCredentials credentials, List<LinkAttempt> skipped) {
        Optional<Instant> expiry = credentials instanceof AwsSessionCredentials session
                ? session.expirationTime() : Optional.empty();
        return switch (link) {
            case ENVIRONMENT -> new ResolvedCredentials(link, link.description(), credentials,
                    expiry.or(this::declaredExpiry), false, skipped);
            case PROFILE -> {
                String name = ProfileFileSystemSetting.AWS_PROFILE.getStringValue().orElse("default");
                ProfileKind kind = profileKind(name);
                yield new ResolvedCredentials(link, "profile '" + name + "' (" + kind.description() + ")",
                        credentials, expiry, kind.refreshedBySdk(), skipped);
            }
            case WEB_IDENTITY -> new ResolvedCredentials(link, link.description()
                    + Optional.ofNullable(environment.apply("AWS_ROLE_ARN")).map(arn -> ", role " + arn).orElse(""),
                    credentials, expiry, true, skipped);
            default -> new ResolvedCredentials(link, link.description(), credentials, expiry,
                    link.refreshedBySdk(), skipped);
        };
    }

    /**
     * Static variables carry no expiry of their own; the tools that export temporary
     * credentials into the environment write it next to them.
     */
    private Optional<Instant> declaredExpiry() {
        String value = environment.apply(EXPIRATION_VARIABLE);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(java.time.OffsetDateTime.parse(value.trim()).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static ProfileKind profileKind(String name) {
        try {
            Map<String, String> properties = ProfileFile.defaultProfileFile().profile(name)
                    .map(p -> p.properties()).orElse(Map.of());
            return ProfileKind.of(properties);
        } catch (RuntimeException e) {
            return ProfileKind.UNKNOWN;
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // Closing a provider only releases its HTTP client; nothing to report.
        }
    }
}
