package io.credwatch.aws;

import io.credwatch.check.CheckContext;
import io.credwatch.check.CheckResult;
import io.credwatch.check.CredentialKind;
import io.credwatch.check.Expiry;
import io.credwatch.check.ExpiryPolicy;
import io.credwatch.check.Finding;
import io.credwatch.check.ScheduledCheck;
import io.credwatch.check.Tolerance;
import io.credwatch.config.AwsCredentialsCheckConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Will the AWS credentials this host's applications resolve keep working? Resolves them
 * link by link as the SDK does, classifies the key (temporary or long-term) against where it
 * came from (refreshed by the SDK, or pasted somewhere nothing refreshes), asks STS whether
 * they are accepted and whose they are, asks IAM whether AWS quarantined a long-term key's
 * user, asks each configured service whether they are allowed, and in the AWS
 * context asks IMDS whether a role is attached and whether IMDSv1 is still on.
 *
 * <p>This class only puts the questions in order and collects the findings; each answer is
 * judged and worded by its own class: {@link ImdsFindings}, {@link ChainFindings},
 * {@link KeyClassification}, {@link StsFindings}, {@link OwnerFindings}, {@link ServiceAccess}.
 */
public final class AwsCredentialsCheck extends ScheduledCheck {

    public static final String ID = "aws-credentials";

    private final CredentialChain chain;
    private final CallerIdentityProbe identity;
    private final AccessKeyAge keyAge;
    private final KeyQuarantine quarantine;
    private final Optional<InstanceMetadataPosture> instance;
    private final KeyClassification keys;
    private final ServiceAccess access;
    private final String expectedAccount;
    private final CallBound bound = CallBound.PER_CALL;

    /** @param instance asked only in the AWS context: off EC2 there is no instance to ask about */
    public AwsCredentialsCheck(AwsCredentialsCheckConfig config, CredentialChain chain, CallerIdentityProbe identity,
                               ServiceProbes services, AccessKeyAge keyAge, KeyQuarantine quarantine,
                               Optional<InstanceMetadataPosture> instance) {
        super(ID, ID, config.interval(), config.timeout(),
                Tolerance.of(config.raiseAfter(), config.raiseDefinitiveAfter(), config.clearAfter()));
        this.chain = chain;
        this.identity = identity;
        this.keyAge = keyAge;
        this.quarantine = quarantine;
        this.instance = instance;
        this.keys = new KeyClassification(new ExpiryPolicy(config.warnBefore(), config.criticalBefore()),
                config.maxKeyAge());
        this.access = new ServiceAccess(config.services(), services, bound);
        this.expectedAccount = config.expectedAccount();
    }

    @Override
    public CheckResult run(CheckContext context) throws InterruptedException {
        Map<String, Object> details = new LinkedHashMap<>();
        List<Finding> findings = new ArrayList<>();

        Optional<InstanceMetadataPosture.Posture> posture = Optional.empty();
        if (instance.isPresent()) {
            posture = Optional.of(instance.get().read(bound.within(context)));
            details.put("imds", ImdsFindings.details(posture.get()));
            ImdsFindings.v1Warning(posture.get()).ifPresent(findings::add);
        }
        Optional<String> role = posture.flatMap(InstanceMetadataPosture.Posture::role);

        CredentialChain.Resolution resolution = chain.resolve(posture.flatMap(ChainFindings::instanceProfileNotAsked)
                .map(why -> Map.of(CredentialLink.INSTANCE_PROFILE, why))
                .orElse(Map.of()));
        details.put("linksTried", ChainFindings.linksTried(resolution.attempts()));
        if (resolution.found().isEmpty()) {
            return Finding.worst(ChainFindings.nothingFound(resolution.attempts(), posture), findings, details);
        }
        ResolvedCredentials resolved = resolution.found().get();
        details.putAll(keyDetails(resolved, context));

        KeyClassification.Verdict key = keys.classify(resolved, role, context,
                () -> keyAge.lookup(resolved.credentials(), bound.within(context)));
        details.putAll(key.details());
        findings.add(key.finding());

        CallerIdentityProbe.Answer answer = identity.ask(resolved.credentials(), bound.within(context));
        answer.clockOffset().ifPresent(offset -> details.put("clockOffsetSeconds", offset.toSeconds()));
        if (answer.identity().isPresent()) {
            CallerIdentity identity = answer.identity().get();
            details.put("account", identity.account());
            details.put("arn", identity.arn());
            StsFindings.skew(answer.clockOffset()).ifPresent(findings::add);
            OwnerFindings.wrongAccount(expectedAccount, identity, resolved).ifPresent(findings::add);
            // Only an IAM user's long-term key is quarantined; roles and sessions have no such policy.
            Optional<String> user = identity.userName().filter(u -> resolved.kind() == AccessKeyKind.LONG_TERM);
            if (user.isPresent()) {
                KeyQuarantine.Answer quarantined = quarantine.lookup(resolved.credentials(), user.get(),
                        bound.within(context));
                details.put("quarantineCheck", quarantined.shown());
                quarantined.policy().ifPresent(policy -> details.put("quarantinePolicy", policy));
                OwnerFindings.quarantined(quarantined, user.get(), resolved).ifPresent(findings::add);
            }
            ServiceAccess.Answer allowed = access.ask(resolved, context);
            details.put("services", allowed.verdicts());
            findings.add(allowed.finding());
        } else {
            findings.add(StsFindings.refused(answer.failure().orElseThrow(), resolved, context.now()));
            OwnerFindings.wrongAccountPerKeyId(expectedAccount, resolved).ifPresent(findings::add);
        }
        CheckResult result = Finding.worst(Finding.ok(""), findings, details);
        return resolved.expiry().map(at -> result.withExpiry(new Expiry(CredentialKind.AWS_CREDENTIALS,
                AccessKeyKind.shown(resolved.accessKeyId()), at, resolved.refreshedBySdk()))).orElse(result);
    }

    /** Where the credentials came from, whose they are and when they expire, as the details show it. */
    private Map<String, Object> keyDetails(ResolvedCredentials resolved, CheckContext context) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("source", resolved.link().id());
        details.put("sourceDetail", resolved.source());
        details.put("keyType", resolved.kind().name());
        details.put("accessKeyId", AccessKeyKind.shown(resolved.accessKeyId()));
        AccessKeyAccount.of(resolved.accessKeyId()).ifPresent(account -> details.put("keyAccount", account));
        if (!expectedAccount.isBlank()) {
            details.put("expectedAccount", expectedAccount);
        }
        details.put("refreshedBySdk", resolved.refreshedBySdk());
        resolved.expiry().ifPresent(expiry -> {
            details.put("expiresAt", expiry.toString());
            details.put("secondsToExpiry", Duration.between(context.now(), expiry).toSeconds());
        });
        return details;
    }
}
