package io.credwatch.aws;

import io.credwatch.awsclient.AwsClients;
import io.credwatch.awsclient.AwsFailure;
import io.credwatch.check.Category;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.ListAttachedUserPoliciesResponse;

/**
 * Whether AWS has quarantined the IAM user a long-term key belongs to. When AWS finds a key
 * exposed in public (a repository, a paste) it attaches its managed quarantine policy to the
 * key's user, which denies the riskiest actions and leaves the rest working, so nothing else
 * on the host notices (AWS Managed Policy Reference: AWSCompromisedKeyQuarantine, 2020, and
 * its V2, 2021, and V3, 2024; a user keeps whichever was attached). Asked with the key itself
 * (iam:ListAttachedUserPolicies); a key not allowed to ask makes a detail, not a failure.
 */
public final class KeyQuarantine {

    /**
     * The answer: the quarantine policy's name when one is attached, and the lookup as the
     * details show it ("none attached", "not allowed: AccessDenied", ...).
     */
    public record Answer(Optional<String> policy, String shown) {
    }

    /** AWS-managed (account "aws") in any partition; a later version is the same quarantine. */
    private static final Pattern QUARANTINE =
            Pattern.compile("arn:aws[a-z-]*:iam::aws:policy/(AWSCompromisedKeyQuarantine(?:V[0-9]+)?)");
    /** A user holds 10 managed policies by default, 20 at most: one page; more means an answer gone wrong. */
    static final int MOST_PAGES = 5;

    private final AwsClients aws;
    private final Clock clock;

    public KeyQuarantine(AwsClients aws, Clock clock) {
        this.aws = aws;
        this.clock = clock;
    }

    /** @param timeout for all of it, every page included */
    public Answer lookup(AwsCredentials credentials, String userName, Duration timeout) {
        Instant sent = clock.instant();
        Instant deadline = sent.plus(timeout);
        IamClient iam = aws.iamProbe();
        try {
            String marker = null;
            for (int page = 0; page < MOST_PAGES; page++) {
                Duration left = Duration.between(clock.instant(), deadline);
                if (left.isNegative() || left.isZero()) {
                    return new Answer(Optional.empty(), "could not ask: out of time");
                }
                String from = marker;
                ListAttachedUserPoliciesResponse response = iam.listAttachedUserPolicies(r -> r.userName(userName)
                        .marker(from).overrideConfiguration(AwsClients.as(credentials, left)));
                Optional<String> policy = response.attachedPolicies().stream().map(AttachedPolicy::policyArn)
                        .map(KeyQuarantine::quarantinePolicy).flatMap(Optional::stream).findFirst();
                if (policy.isPresent()) {
                    return new Answer(policy, "attached: " + policy.get());
                }
                if (!Boolean.TRUE.equals(response.isTruncated()) || response.marker() == null) {
                    return new Answer(Optional.empty(), "none attached");
                }
                marker = response.marker();
            }
            return new Answer(Optional.empty(), "could not ask: more than " + MOST_PAGES + " pages of policies");
        } catch (SdkException e) {
            AwsFailure failure = AwsFailure.of(e, sent);
            return new Answer(Optional.empty(), failure.category() == Category.ACCESS_DENIED
                    ? "not allowed: " + failure.code()
                    : "could not ask: " + (failure.answered() ? failure.code() : failure.message()));
        }
    }

    static Optional<String> quarantinePolicy(String arn) {
        Matcher m = QUARANTINE.matcher(arn == null ? "" : arn);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
