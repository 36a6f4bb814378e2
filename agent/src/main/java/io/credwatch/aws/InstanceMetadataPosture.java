package io.credwatch.aws;

import io.credwatch.awsclient.ImdsFailure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.imds.Ec2MetadataClient;
import software.amazon.awssdk.imds.Ec2MetadataClientException;

/**
 * What the instance metadata service says about this instance's credentials: the role of its
 * instance profile, if any, and whether it still answers IMDSv1 (a GET without a token),
 * which lets any SSRF in any process on the host read the role's credentials.
 */
public final class InstanceMetadataPosture {

    /**
     * @param failure   why IMDS gave no answer; empty when it answered
     * @param role      the instance profile's role name, when one is attached
     * @param v1Enabled whether a tokenless GET is answered; empty when it could not be told
     */
    public record Posture(Optional<ImdsFailure> failure, Optional<String> role, Optional<Boolean> v1Enabled) {

        public boolean reachable() {
            return failure.isEmpty();
        }
    }

    private static final String ROLES = "/latest/meta-data/iam/security-credentials/";

    private final Supplier<Ec2MetadataClient> imds;
    private final Supplier<HttpClient> http;

    public InstanceMetadataPosture(Supplier<Ec2MetadataClient> imds, Supplier<HttpClient> http) {
        this.imds = imds;
        this.http = http;
    }

    public Posture read(Duration timeout) throws InterruptedException {
        Optional<String> role;
        try {
            role = imds.get().get(ROLES).asString().lines().map(String::trim).filter(s -> !s.isEmpty()).findFirst();
        } catch (Ec2MetadataClientException e) {
            if (e.statusCode() != 404) {
                return new Posture(Optional.of(ImdsFailure.of(e)), Optional.empty(), Optional.empty());
            }
            role = Optional.empty();
        } catch (SdkException e) {
            return new Posture(Optional.of(ImdsFailure.of(e)), Optional.empty(), Optional.empty());
        }
        return new Posture(Optional.empty(), role, answersWithoutToken(timeout));
    }

    /** The same request the SDK makes, minus the token: IMDSv2-required instances answer 401. */
    private Optional<Boolean> answersWithoutToken(Duration timeout) throws InterruptedException {
        Duration bound = timeout.isZero() || timeout.isNegative() ? Duration.ofMillis(1) : timeout;
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint() + "/latest/meta-data/"))
                .timeout(bound)
                .GET().build();
        CompletableFuture<HttpResponse<Void>> call = http.get().sendAsync(request,
                HttpResponse.BodyHandlers.discarding());
        try {
            // The request timeout covers the wait for the headers only; this bounds the body too.
            int status = call.get(bound.toNanos(), TimeUnit.NANOSECONDS).statusCode();
            if (status == 200) {
                return Optional.of(true);
            }
            return status == 401 || status == 403 ? Optional.of(false) : Optional.empty();
        } catch (TimeoutException | ExecutionException e) {
            call.cancel(true);
            return Optional.empty();
        } catch (InterruptedException e) {
            call.cancel(true);
            throw e;
        }
    }

    /** Where the SDK's IMDS client goes: AWS_EC2_METADATA_SERVICE_ENDPOINT, else the link-local address. */
    private static String endpoint() {
        String configured = SdkSystemSetting.AWS_EC2_METADATA_SERVICE_ENDPOINT.getStringValueOrThrow();
        return configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
    }
}
