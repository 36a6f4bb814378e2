package io.credwatch.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which attached policies are AWS's quarantine. (The lookup itself, against IAM on loopback: {@link AwsCredentialsCheckTest}.) */
class KeyQuarantineTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "arn:aws:iam::aws:policy/AWSCompromisedKeyQuarantine, AWSCompromisedKeyQuarantine",
        "arn:aws:iam::aws:policy/AWSCompromisedKeyQuarantineV2, AWSCompromisedKeyQuarantineV2",
        "arn:aws:iam::aws:policy/AWSCompromisedKeyQuarantineV3, AWSCompromisedKeyQuarantineV3",
        // The other partitions' AWS-managed policies.
        "arn:aws-us-gov:iam::aws:policy/AWSCompromisedKeyQuarantineV3, AWSCompromisedKeyQuarantineV3",
        "arn:aws-cn:iam::aws:policy/AWSCompromisedKeyQuarantineV2, AWSCompromisedKeyQuarantineV2"})
    void awsManagedQuarantinePoliciesAreNamed(String arn, String name) {
        assertEquals(Optional.of(name), KeyQuarantine.quarantinePolicy(arn));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "arn:aws:iam::aws:policy/ReadOnlyAccess",
        "arn:aws:iam::123456789012:policy/AWSCompromisedKeyQuarantineV2",   // the customer's own, same name
        "arn:aws:iam::aws:policy/AWSCompromisedKeyQuarantineV2Draft",
        "arn:aws:iam::aws:policy/service-role/AWSCompromisedKeyQuarantineV2"})
    void anyOtherPolicyIsNot(String arn) {
        assertEquals(Optional.empty(), KeyQuarantine.quarantinePolicy(arn));
    }
}
