package io.credwatch.aws;

import io.credwatch.awsclient.ImdsFailure;
import io.credwatch.awsclient.AwsFailure;
import io.credwatch.check.Category;
import io.credwatch.check.ScheduledCheck;
import io.credwatch.check.CheckContext;
import io.credwatch.check.CheckResult;
import io.credwatch.check.CredentialKind;
import io.credwatch.check.Expiry;
import io.credwatch.check.Durations;
import io.credwatch.check.ExpiryPolicy;
import io.credwatch.check.Finding;
import io.credwatch.check.Status;
import io.credwatch.check.Tolerance;
import io.credwatch.config.AwsCredentialsCheckConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Will the AWS credentials this host's applications resolve keep working? Resolves them
 * link by link as the SDK does, classifies the key (temporary or long-term) against where it
 * came from (refreshed by the SDK, or pasted somewhere nothing refreshes), asks STS whether
 * they are accepted, asks each configured service whether they are allowed, and in the AWS
 * context asks IMDS whether a role is attached and whether IMDSv1 is still on.
 */
public final class AwsCredentialsCheck extends ScheduledCheck {

    public static final String ID = "aws-credentials";
    /** No single call may take the whole budget: the later ones still need some. */
    private static final Duration CALL_BOUND = Duration.ofSeconds(10);

    private final AwsCredentialsCheckConfig config;
    private final CredentialChain chain;
    private final CallerIdentityProbe identity;
    private final ServiceProbes services;
    private final AccessKeyAge keyAge;
    private final Optional<InstanceMetadataPosture> instance;
    private final ExpiryPolicy policy;

    /** @param instance asked only in the AWS context: off EC2 there is no instance to ask about */
    public AwsCredentialsCheck(AwsCredentialsCheckConfig config, CredentialChain chain, CallerIdentityProbe identity,
                               ServiceProbes services, AccessKeyAge keyAge, Optional<InstanceMetadataPosture> instance) {
        super(ID, ID, config.interval(), config.timeout(),
                Tolerance.of(config.raiseAfter(), config.raiseDefinitiveAfter(), config.clearAfter()));
        this.config = config;
        this.chain = chain;
        this.identity = identity;
        this.services = services;
        this.keyAge = keyAge;
        this.instance = instance;
        this.policy = new ExpiryPolicy(config.warnBefore(), config.criticalBefore());
    }

    @Override
    public CheckResult run(CheckContext context) throws InterruptedException {
        Map<String, Object> details = new LinkedHashMap<>();
        List<Finding> findings = new ArrayList<>();

        Optional<InstanceMetadataPosture.Posture> posture = Optional.empty();
        if (instance.isPresent()) {
            posture = Optional.of(instance.get().read(bound(context)));
            details.put("imds", imdsDetails(posture.get()));
            if (posture.get().v1Enabled().orElse(false)) {
                findings.add(new Finding(Status.WARN, Category.IMDS_V1_ENABLED,
                        "the instance still answers IMDSv1 (no token): an SSRF anywhere on the host can read "
                                + "the role's credentials",
                        "require IMDSv2: aws ec2 modify-instance-metadata-options --instance-id <this instance> "
                                + "--http-tokens required --http-endpoint enabled (SDKs since 2019 already use v2)"));
            }
        }
        Optional<String> role = posture.flatMap(InstanceMetadataPosture.Posture::role);
        Optional<ImdsFailure> imdsDown = posture.flatMap(InstanceMetadataPosture.Posture::failure);

        // The SDK's instance-profile provider reads IMDS with no bound on time or size: once
        // IMDS has failed this run, it is not asked again.
        CredentialChain.Resolution resolution = chain.resolve(imdsDown
                .map(f -> Map.of(CredentialLink.INSTANCE_PROFILE, f.message()))
                .orElse(Map.of()));
        details.put("linksTried", attempts(resolution.attempts()));
        if (resolution.found().isEmpty()) {
            Finding none = imdsDown.map(AwsCredentialsCheck::instanceProfileUnknown)
                    .orElseGet(() -> noCredentials(resolution.attempts(), role));
            return Finding.worst(none, findings, details);
        }
        ResolvedCredentials resolved = resolution.found().get();
        details.put("source", resolved.link().id());
        details.put("sourceDetail", resolved.source());
        details.put("keyType", resolved.kind().name());
        details.put("accessKeyId", AccessKeyKind.shown(resolved.accessKeyId()));
        details.put("refreshedBySdk", resolved.refreshedBySdk());
        resolved.expiry().ifPresent(expiry -> {
            details.put("expiresAt", expiry.toString());
            details.put("secondsToExpiry", Duration.between(context.now(), expiry).toSeconds());
        });

        findings.add(classify(resolved, role, context, details));

        CallerIdentityProbe.Answer answer = identity.ask(resolved.credentials(), bound(context));
        answer.clockOffset().ifPresent(offset -> details.put("clockOffsetSeconds", offset.toSeconds()));
        if (answer.identity().isPresent()) {
            details.put("account", answer.identity().get().account());
            details.put("arn", answer.identity().get().arn());
            answer.clockOffset().filter(o -> o.abs().compareTo(AwsFailure.SKEW_LIMIT) > 0).ifPresent(o ->
                    findings.add(new Finding(Status.WARN, Category.CLOCK_SKEW,
                            "this host's clock is " + describeOffset(o) + "; AWS still accepts it, "
                                    + "exchanges with a 5 s window will not",
                            "sync the clock: systemctl restart chronyd (the Amazon Time Sync Service is at "
                                    + "169.254.169.123)")));
            findings.add(askServices(resolved, context, details));
        } else {
            findings.add(refused(answer.failure().orElseThrow(), resolved, context));
        }
        CheckResult result = Finding.worst(Finding.ok(""), findings, details);
        return resolved.expiry().map(at -> result.withExpiry(new Expiry(CredentialKind.AWS_CREDENTIALS,
                AccessKeyKind.shown(resolved.accessKeyId()), at, resolved.refreshedBySdk()))).orElse(result);
    }

    /** Nothing before the instance profile, and IMDS not answering: whether the role has credentials is not known. */
    private static Finding instanceProfileUnknown(ImdsFailure imds) {
        return new Finding(Status.UNKNOWN, imds.category(),
                "no AWS credentials before the instance profile, and whether it has any cannot be told: "
                        + imds.message(),
                "check that IMDS answers on this host (curl -s -X PUT http://169.254.169.254/latest/api/token "
                        + "-H 'X-aws-ec2-metadata-token-ttl-seconds: 60'), its http-endpoint is enabled and, in a "
                        + "container, the hop limit is 2; every SDK application here fails the same way");
    }

    private Finding noCredentials(List<LinkAttempt> attempts, Optional<String> role) {
        if (role.isPresent()) {
            return new Finding(Status.CRITICAL, Category.EXPIRED,
                    "the instance profile role " + role.get() + " is attached but its credentials could not be "
                            + "fetched: " + attempts.get(attempts.size() - 1).reason(),
                    "check the instance profile in the EC2 console (Actions > Security > Modify IAM role) and "
                            + "the IMDS hop limit (2 in a container); restarting does not help while IMDS refuses");
        }
        StringBuilder tried = new StringBuilder();
        for (LinkAttempt attempt : attempts) {
            tried.append(tried.isEmpty() ? "" : "; ").append(attempt.link().id());
        }
        return new Finding(Status.CRITICAL, Category.NO_CREDENTIALS,
                "no AWS credentials: every link of the SDK chain came up empty (" + tried + ")",
                "attach an IAM role to the instance (instance profile); on a workstation, set AWS_PROFILE");
    }

    private Finding classify(ResolvedCredentials resolved, Optional<String> role, CheckContext context,
                             Map<String, Object> details) {
        String key = AccessKeyKind.shown(resolved.accessKeyId());
        Instant now = context.now();
        return switch (resolved.kind()) {
            case TEMPORARY -> {
                if (resolved.expiry().filter(e -> ExpiryPolicy.expired(e, now)).isPresent()) {
                    yield new Finding(Status.CRITICAL, Category.EXPIRED,
                            "temporary credentials " + key + " from " + resolved.source() + " expired at "
                                    + resolved.expiry().get(), remedyForTemporary(resolved));
                }
                if (resolved.refreshedBySdk()) {
                    yield Finding.ok("temporary credentials " + key + " from " + resolved.source()
                            + ", refreshed by the SDK" + resolved.expiry()
                            .map(e -> ", current ones expire in " + Durations.approximate(Duration.between(now, e)))
                            .orElse(""));
                }
                Status status = resolved.expiry()
                        .map(e -> policy.statusAt(e, now) == Status.CRITICAL ? Status.CRITICAL : Status.WARN)
                        .orElse(Status.WARN);
                yield new Finding(status, Category.TEMPORARY_STATIC_CREDENTIALS,
                        "temporary credentials " + key + " sit in " + resolved.source()
                                + " where nothing refreshes them: every service using them stops "
                                + resolved.expiry().map(e -> "in " + Durations.approximate(Duration.between(now, e))
                                + " (" + e + ")").orElse("when they expire (within hours; the expiry is not known)"),
                        remedyForTemporary(resolved));
            }
            case LONG_TERM -> {
                if (role.isPresent()) {
                    yield new Finding(Status.WARN, Category.LONG_TERM_KEY,
                            "a long-term access key " + key + " from " + resolved.source()
                                    + " is used although the instance has the role " + role.get(),
                            "remove the key from " + resolved.source() + " so the SDK uses the role, then "
                                    + "deactivate and delete it in IAM (aws iam update-access-key --status Inactive)");
                }
                yield keyAgeFinding(resolved, context, details);
            }
            case NOT_AN_ACCESS_KEY -> new Finding(Status.CRITICAL, Category.INVALID_CREDENTIALS,
                    "the access key id from " + resolved.source() + " is an " + AccessKeyKind.otherIdName(
                            resolved.accessKeyId()) + ", not an access key",
                    "copy the access key id (AKIA… or ASIA…) rather than the user or role id");
            case UNKNOWN -> Finding.ok("credentials " + key + " of no known kind from " + resolved.source());
        };
    }

    private Finding keyAgeFinding(ResolvedCredentials resolved, CheckContext context, Map<String, Object> details) {
        String key = AccessKeyKind.shown(resolved.accessKeyId());
        AccessKeyAge.Answer age = keyAge.lookup(resolved.credentials(), bound(context));
        if (age.created().isEmpty()) {
            details.put("keyAge", "unknown: " + age.unknownBecause());
            return Finding.ok("long-term key " + key + " from " + resolved.source());
        }
        Duration old = Duration.between(age.created().get(), context.now());
        details.put("keyCreatedAt", age.created().get().toString());
        details.put("keyAgeDays", old.toDays());
        if (old.compareTo(config.maxKeyAge()) > 0) {
            return new Finding(Status.WARN, Category.ROTATION_OVERDUE,
                    "long-term key " + key + " from " + resolved.source() + " is " + old.toDays()
                            + " days old, past the " + config.maxKeyAge().toDays() + "-day maximum",
                    "rotate it: create a second key, deploy it, then deactivate and delete this one; better, "
                            + "move the workload to an IAM role");
        }
        return Finding.ok("long-term key " + key + " from " + resolved.source() + ", " + old.toDays()
                + " days old");
    }

    private static String remedyForTemporary(ResolvedCredentials resolved) {
        if (resolved.refreshedBySdk()) {
            return "the SDK could not refresh them: check the " + resolved.link().description();
        }
        String remove = switch (resolved.link()) {
            case ENVIRONMENT -> "remove AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN from the "
                    + "services' environment (env files, units' Environment=, task definitions)";
            case SYSTEM_PROPERTIES -> "remove -Daws.accessKeyId, -Daws.secretAccessKey and -Daws.sessionToken "
                    + "from the JVM flags";
            default -> "remove the keys from " + resolved.source();
        };
        return remove + ", and attach an IAM role to the instance (instance profile), which the SDK refreshes "
                + "by itself; do not replace them with a long-term AKIA key";
    }

    private Finding refused(AwsFailure failure, ResolvedCredentials resolved, CheckContext context) {
        String key = AccessKeyKind.shown(resolved.accessKeyId());
        // AWS has been seen answering InvalidClientTokenId for an expired session token.
        boolean pastExpiry = resolved.expiry().filter(e -> ExpiryPolicy.expired(e, context.now())).isPresent();
        if (failure.category() == Category.INVALID_CREDENTIALS && pastExpiry) {
            return new Finding(Status.CRITICAL, Category.EXPIRED, "STS refuses " + key + " (" + failure.code()
                    + "): the credentials expired at " + resolved.expiry().get(), remedyForTemporary(resolved));
        }
        String said = "STS refuses " + key + " from " + resolved.source() + ": " + failure.code()
                + (failure.message().isEmpty() ? "" : " (" + failure.message() + ")");
        return switch (failure.category()) {
            case EXPIRED -> new Finding(Status.CRITICAL, Category.EXPIRED, said, remedyForTemporary(resolved));
            case INVALID_CREDENTIALS -> new Finding(Status.CRITICAL, Category.INVALID_CREDENTIALS,
                    failure.code().equals("SignatureDoesNotMatch")
                            ? "the secret does not match the key " + key + " from " + resolved.source() : said,
                    "the key pair in " + resolved.source() + " is wrong or was deleted: compare the key id with "
                            + "IAM (aws iam list-access-keys) and replace both halves together");
            case CLOCK_SKEW -> new Finding(Status.CRITICAL, Category.CLOCK_SKEW, said
                    + failure.clockOffset().map(o -> "; this host's clock is " + describeOffset(o)).orElse(""),
                    "sync the clock: systemctl restart chronyd (the Amazon Time Sync Service is at 169.254.169.123)");
            // No verdict on the key: STS was not reached, or did not answer as STS.
            default -> new Finding(failure.status(), failure.category(), failure.status() == Status.UNKNOWN
                    ? "could not ask STS about " + key + " from " + resolved.source() + ": " + failure.said() : said,
                    "check that this host reaches STS (security group and NACL egress, proxy, AWS_ENDPOINT_URL)");
        };
    }

    private Finding askServices(ResolvedCredentials resolved, CheckContext context, Map<String, Object> details) {
        Map<String, String> verdicts = new LinkedHashMap<>();
        List<ServiceProbes.Verdict> denied = new ArrayList<>();
        Finding worst = Finding.ok("");
        for (String service : config.services()) {
            if (context.remaining().isZero()) {
                verdicts.put(service, "not asked: out of time");
                continue;
            }
            ServiceProbes.Verdict verdict = services.probe(service, resolved.credentials(), bound(context));
            verdicts.put(service, verdict.shown());
            if (verdict.ok()) {
                continue;
            }
            AwsFailure f = verdict.failure().get();
            if (f.category() == Category.ACCESS_DENIED) {
                denied.add(verdict);
            } else if (f.status().severity() > worst.status().severity()) {
                worst = new Finding(f.status(), f.category(), f.status() == Status.UNKNOWN
                        ? "could not ask " + service + ": " + f.said() : service + " refuses the credentials: " + f.code(),
                        "check that this host reaches " + service + " and that the key pair is current");
            }
        }
        details.put("services", verdicts);
        if (!denied.isEmpty() && worst.status().severity() <= Status.WARN.severity()) {
            StringBuilder actions = new StringBuilder();
            for (ServiceProbes.Verdict v : denied) {
                actions.append(actions.isEmpty() ? "" : ", ").append(v.action());
            }
            return new Finding(Status.WARN, Category.ACCESS_DENIED,
                    "the credentials work, but " + actions + " is denied",
                    "grant " + actions + " to the role or user that owns " + AccessKeyKind.shown(resolved.accessKeyId())
                            + ", or drop the service from checks.aws-credentials.services if it is not used here");
        }
        return worst;
    }

    private static Map<String, Object> imdsDetails(InstanceMetadataPosture.Posture posture) {
        Map<String, Object> imds = new LinkedHashMap<>();
        imds.put("reachable", posture.reachable());
        posture.failure().ifPresent(f -> imds.put("error", f.message()));
        posture.role().ifPresent(r -> imds.put("role", r));
        posture.v1Enabled().ifPresent(v1 -> imds.put("v1Enabled", v1));
        return imds;
    }

    private static Map<String, String> attempts(List<LinkAttempt> attempts) {
        Map<String, String> tried = new LinkedHashMap<>();
        for (LinkAttempt attempt : attempts) {
            tried.put(attempt.link().id(), attempt.reason());
        }
        return tried;
    }

    private static String describeOffset(Duration offset) {
        // The offset is server minus local: a positive one means this host is behind.
        return Durations.approximate(offset) + (offset.isNegative() ? " ahead of" : " behind") + " AWS";
    }

    private static Duration bound(CheckContext context) {
        Duration left = context.remaining();
        return left.compareTo(CALL_BOUND) < 0 ? (left.isZero() ? Duration.ofMillis(1) : left) : CALL_BOUND;
    }
}
