package io.credwatch.credential;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.credwatch.awsclient.AwsFailure;
import io.credwatch.check.Category;
import io.credwatch.config.Environment;
import io.credwatch.config.SecretEnvironment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * An AWS Secrets Manager secret read with the host's own AWS credentials: one JSON secret
 * {@code <name>} with {@code api_key}, {@code api_secret} (and {@code api_passphrase}), else
 * one plain secret per part, {@code <name>/api_key}, {@code <name>/api_secret}
 * ({@code <name>/api_passphrase}). Values go straight into the returned credentials; reasons are
 * built from error codes, never from the service's messages, which can echo the request.
 *
 * <p>A name of another environment than the host's is refused from the name, before any call:
 * this is the one place credwatch asks for a secret's value, so no check, report or command
 * can bring another environment's key onto this host, not even for a moment (issue 21).
 */
public final class SecretsManagerSource implements CredentialSource {

    private static final List<String> FIELDS = List.of("api_key", "api_secret", "api_passphrase");
    private static final CredentialParts.Words FIELDS_WORDS = new CredentialParts.Words("set", "missing");
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * The caller an AccessDenied message names ("User: arn:aws:sts::123456789012:assumed-role/bot/i-0
     * is not authorized ..."): taken by its shape, so nothing else of the message is shown.
     */
    private static final Pattern PRINCIPAL =
            Pattern.compile("arn:aws[a-z-]*:(?:iam|sts)::\\d{12}:[A-Za-z0-9+=,.@_/-]+");

    private final String secret;
    private final int parts;
    private final Environment host;
    private final Supplier<SecretsManagerClient> client;
    private final Clock clock;

    /**
     * @param parts  2 for key and secret, 3 with a passphrase
     * @param host   this host's environment ({@code agent.environment}): the only one whose secrets are read
     * @param client the shared client, built on first use; each call is bounded by the time left
     */
    public SecretsManagerSource(String secret, int parts, Environment host, Supplier<SecretsManagerClient> client,
                                Clock clock) {
        this.secret = secret;
        this.parts = parts;
        this.host = host;
        this.client = client;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "secretsManager " + secret;
    }

    @Override
    public SourceAttempt look(Instant deadline) throws InterruptedException {
        Optional<SecretEnvironment.Foreign> foreign = SecretEnvironment.foreignTo(host, secret);
        if (foreign.isPresent()) {
            return SourceAttempt.failed(name(), Category.ENVIRONMENT_MIXED + ": " + foreign.get().notRead());
        }
        Fetch whole = fetch(secret, deadline);
        if (whole.failure() != null) {
            return SourceAttempt.failed(name(), whole.failure());
        }
        if (whole.exists()) {
            return fromJson(whole.value());
        }
        List<String> ids = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (String field : FIELDS.subList(0, parts)) {
            String id = secret + "/" + field;
            Fetch part = fetch(id, deadline);
            if (part.failure() != null) {
                return SourceAttempt.failed(name(), part.failure());
            }
            ids.add(id);
            values.add(part.value());
        }
        if (values.stream().allMatch(v -> v == null)) {
            List<String> all = new ArrayList<>(List.of(secret));
            all.addAll(ids);
            return SourceAttempt.empty(name(), "no secret " + String.join(", ", all.subList(0, all.size() - 1))
                    + " or " + all.get(all.size() - 1));
        }
        return CredentialParts.judge(name(), ids, values, CredentialParts.FILES);
    }

    private SourceAttempt fromJson(String text) {
        JsonNode tree;
        try {
            tree = text == null ? null : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            // Jackson's message quotes the text it could not parse: the secret.
            tree = null;
        }
        List<String> fields = FIELDS.subList(0, parts);
        if (tree == null || !tree.isObject()) {
            return SourceAttempt.failed(name(), secret + " is not a JSON object with " + CredentialParts.and(fields));
        }
        List<String> labels = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (String field : fields) {
            JsonNode node = tree.get(field);
            labels.add(secret + ":" + field);
            values.add(node != null && node.isTextual() ? node.asText() : null);
        }
        if (values.stream().allMatch(v -> v == null || v.isBlank())) {
            return SourceAttempt.incomplete(name(), secret + " has none of the fields " + CredentialParts.and(fields));
        }
        SourceAttempt attempt = CredentialParts.judge(name(), fields, values, FIELDS_WORDS);
        return attempt.outcome() == SourceAttempt.Outcome.FOUND
                ? SourceAttempt.found(name(), labels, attempt.credentials().orElseThrow())
                : SourceAttempt.incomplete(name(), secret + ": " + attempt.reason());
    }

    /** One secret's string: there, absent ({@code exists} false), or a failure's reason. */
    private record Fetch(boolean exists, String value, String failure) {
    }

    private Fetch fetch(String id, Instant deadline) throws InterruptedException {
        Answer<GetSecretValueResponse> answer = call("GetSecretValue", id, deadline, left -> client.get()
                .getSecretValue(r -> r.secretId(id).overrideConfiguration(o -> o.apiCallTimeout(left))));
        return new Fetch(answer.response().isPresent(), answer.response().map(GetSecretValueResponse::secretString)
                .orElse(null), answer.failure());
    }

    /** One call's answer: the response, none for a secret that does not exist, or a failure's reason. */
    private record Answer<T>(Optional<T> response, String failure) {
    }

    /** @param request the call, given the time left before the deadline as its bound */
    private <T> Answer<T> call(String action, String id, Instant deadline, Function<Duration, T> request)
            throws InterruptedException {
        Instant sent = clock.instant();
        Duration left = Duration.between(sent, deadline);
        if (left.isNegative() || left.isZero()) {
            return new Answer<>(Optional.empty(), "TIMEOUT: no time left to ask for " + id);
        }
        try {
            return new Answer<>(Optional.of(request.apply(left)), null);
        } catch (ResourceNotFoundException e) {
            return new Answer<>(Optional.empty(), null);
        } catch (AbortedException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("interrupted while asking for " + id);
            }
            return new Answer<>(Optional.empty(), failure(action, id, e, sent));
        } catch (SdkException e) {
            return new Answer<>(Optional.empty(), failure(action, id, e, sent));
        }
    }

    private static String failure(String action, String id, SdkException e, Instant sent) {
        AwsFailure failure = AwsFailure.of(e, sent);
        if (failure.category() == Category.ACCESS_DENIED) {
            return "ACCESS_DENIED: grant secretsmanager:" + action + " on " + id + " to " + principal(e);
        }
        // A service's code is a fixed word; a client-side failure's message is credwatch's own (NetworkFailure).
        String what = e instanceof AwsServiceException ? failure.code() : failure.message();
        return failure.category() + ": " + action + " on " + id + ": " + what;
    }

    private static String principal(SdkException e) {
        if (e instanceof AwsServiceException s && s.awsErrorDetails() != null
                && s.awsErrorDetails().errorMessage() != null) {
            Matcher m = PRINCIPAL.matcher(s.awsErrorDetails().errorMessage());
            if (m.find()) {
                return m.group();
            }
        }
        return "this host's AWS role";
    }

    /**
     * When the secret the key is read from last changed, from DescribeSecret, which returns no
     * value: its LastChangedDate, or LastRotatedDate when later. The JSON secret, else its parts
     * (the latest of them), as {@link #look} reads them.
     */
    @Override
    public SourceChange lastChange(Instant deadline) throws InterruptedException {
        String what = "the key in Secrets Manager " + secret;
        if (SecretEnvironment.foreignTo(host, secret).isPresent()) {
            return SourceChange.unknown(what, "not asked: a secret of another environment");
        }
        Answer<Instant> whole = changed(secret, deadline);
        if (whole.failure() != null || whole.response().isPresent()) {
            return whole.response().map(at -> SourceChange.at(what, at))
                    .orElseGet(() -> SourceChange.unknown(what, whole.failure()));
        }
        Optional<Instant> latest = Optional.empty();
        for (String field : FIELDS.subList(0, parts)) {
            Answer<Instant> part = changed(secret + "/" + field, deadline);
            if (part.failure() != null) {
                return SourceChange.unknown(what, part.failure());
            }
            latest = Stream.concat(latest.stream(), part.response().stream()).max(Instant::compareTo);
        }
        return latest.map(at -> SourceChange.at(what, at))
                .orElseGet(() -> SourceChange.unknown(what, "no secret " + secret + " or its parts to describe"));
    }

    private Answer<Instant> changed(String id, Instant deadline) throws InterruptedException {
        Answer<DescribeSecretResponse> described = call("DescribeSecret", id, deadline, left -> client.get()
                .describeSecret(r -> r.secretId(id).overrideConfiguration(o -> o.apiCallTimeout(left))));
        return new Answer<>(described.response().flatMap(d -> Stream.of(d.lastChangedDate(), d.lastRotatedDate(),
                d.createdDate()).filter(Objects::nonNull).max(Instant::compareTo)), described.failure());
    }

    @Override
    public Optional<Environment> environmentNamed() {
        return SecretEnvironment.of(secret);
    }
}
