package io.credwatch.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.credwatch.check.Category;
import io.credwatch.check.CheckContext;
import io.credwatch.check.ExpiryPolicy;
import io.credwatch.check.Status;
import io.credwatch.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

/**
 * The key judged without AWS: by its kind against where it came from, its expiry and, for a
 * long-term key, the instance's role and the age IAM tells. (The same verdicts end to end,
 * against fakes on loopback: {@link AwsCredentialsCheckTest}.)
 */
class KeyClassificationTest {

    static final Instant NOW = Instant.parse("2026-11-23T00:00:00Z");
    static final String SECRET = "cAnArY0SeCrEt0wJalrXUtnFEMI0K7MDENG0bPxRfiCY";

    final MutableClock clock = new MutableClock(NOW);
    final KeyClassification keys = new KeyClassification(
            new ExpiryPolicy(Duration.ofHours(6), Duration.ofHours(1)), Duration.ofDays(90));

    static ResolvedCredentials resolved(CredentialLink link, String keyId, Optional<Instant> expiry,
                                        boolean refreshedBySdk) {
        return new ResolvedCredentials(link, link.description(), AwsBasicCredentials.create(keyId, SECRET), expiry,
                refreshedBySdk, List.of());
    }

    KeyClassification.Verdict classify(ResolvedCredentials resolved, Optional<String> role,
                                       Supplier<AccessKeyAge.Answer> age) {
        return keys.classify(resolved, role, new CheckContext(clock, NOW.plusSeconds(30), false), age);
    }

    static Supplier<AccessKeyAge.Answer> created(Instant at) {
        return () -> new AccessKeyAge.Answer(Optional.of(at), "");
    }

    static Supplier<AccessKeyAge.Answer> notToBeAsked() {
        return () -> fail("IAM asked about the key's age");
    }

    @Nested
    class TemporaryCredentials {

        @Test
        void whereNothingRefreshesThemTheyAreAWarningHoweverFarTheirExpiry() {
            var pasted = resolved(CredentialLink.ENVIRONMENT, "ASIAEXAMPLETEMPORARY",
                    Optional.of(NOW.plus(Duration.ofDays(3))), false);

            var verdict = classify(pasted, Optional.empty(), notToBeAsked());

            assertEquals(Status.WARN, verdict.finding().status());
            assertEquals(Category.TEMPORARY_STATIC_CREDENTIALS, verdict.finding().category());
            assertTrue(verdict.finding().remediation().startsWith("remove AWS_ACCESS_KEY_ID"),
                    verdict.finding().remediation());
        }

        @Test
        void whereTheSdkRefreshesThemTheyAreOkWithTheCurrentOnesExpiry() {
            var role = resolved(CredentialLink.INSTANCE_PROFILE, "ASIAEXAMPLETEMPORARY",
                    Optional.of(NOW.plus(Duration.ofMinutes(30))), true);

            var verdict = classify(role, Optional.of("trading-bot-role"), notToBeAsked());

            assertEquals(Status.OK, verdict.finding().status());
            assertTrue(verdict.finding().summary().endsWith("refreshed by the SDK, current ones expire in 30m"),
                    verdict.finding().summary());
        }

        @Test
        void pastTheirExpiryTheyAreExpiredWhereverTheyCameFrom() {
            var role = resolved(CredentialLink.INSTANCE_PROFILE, "ASIAEXAMPLETEMPORARY", Optional.of(NOW), true);

            var verdict = classify(role, Optional.empty(), notToBeAsked());

            assertEquals(Status.CRITICAL, verdict.finding().status());
            assertEquals(Category.EXPIRED, verdict.finding().category());
            assertEquals("the SDK could not refresh them: check the EC2 instance profile, through IMDS",
                    verdict.finding().remediation());
        }
    }

    @Nested
    class LongTermKeys {

        @Test
        void besideAnInstanceRoleTheKeyIsAWarningAndItsAgeIsNotAsked() {
            var key = resolved(CredentialLink.SYSTEM_PROPERTIES, "AKIAEXAMPLELONGTERM1", Optional.empty(), false);

            var verdict = classify(key, Optional.of("trading-bot-role"), notToBeAsked());

            assertEquals(Category.LONG_TERM_KEY, verdict.finding().category());
            assertEquals(Map.of(), verdict.details());
        }

        @Test
        void pastTheMaximumAgeTheKeyIsOverdueWithItsAgeInTheDetails() {
            var key = resolved(CredentialLink.SYSTEM_PROPERTIES, "AKIAEXAMPLELONGTERM1", Optional.empty(), false);

            var verdict = classify(key, Optional.empty(), created(NOW.minus(Duration.ofDays(91))));

            assertEquals(Status.WARN, verdict.finding().status());
            assertEquals(Category.ROTATION_OVERDUE, verdict.finding().category());
            assertEquals(Map.of("keyCreatedAt", "2026-08-24T00:00:00Z", "keyAgeDays", 91L), verdict.details());
        }

        @Test
        void anAgeIamWillNotTellIsOnlyADetail() {
            var key = resolved(CredentialLink.SYSTEM_PROPERTIES, "AKIAEXAMPLELONGTERM1", Optional.empty(), false);

            var verdict = classify(key, Optional.empty(),
                    () -> new AccessKeyAge.Answer(Optional.empty(), "iam:ListAccessKeys: AccessDenied"));

            assertEquals(Status.OK, verdict.finding().status());
            assertEquals(Map.of("keyAge", "unknown: iam:ListAccessKeys: AccessDenied"), verdict.details());
        }
    }

    @Test
    void anIdentifierThatIsNoAccessKeyIsInvalidAndNamedForWhatItIs() {
        var userId = resolved(CredentialLink.ENVIRONMENT, "AIDAEXAMPLEUSERID001", Optional.empty(), false);

        var verdict = classify(userId, Optional.empty(), notToBeAsked());

        assertEquals(Status.CRITICAL, verdict.finding().status());
        assertEquals(Category.INVALID_CREDENTIALS, verdict.finding().category());
        assertTrue(verdict.finding().summary().endsWith("is an IAM user id, not an access key"),
                verdict.finding().summary());
    }
}
