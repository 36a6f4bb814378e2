package io.credwatch.config;

import com.fasterxml.jackson.annotation.JsonProperty;

public record ChecksConfig(
        @JsonProperty("aws-credentials") AwsCredentialsCheckConfig awsCredentials,
        @JsonProperty("egress-ip") EgressIpCheckConfig egressIp,
        @JsonProperty("secrets-rotation") SecretsRotationCheckConfig secretsRotation,
        @JsonProperty("plaintext-secrets") PlaintextSecretsCheckConfig plaintextSecrets) {

    public ChecksConfig {
        awsCredentials = awsCredentials == null ? new AwsCredentialsCheckConfig(null, null, null, null, null, null, null)
                : awsCredentials;
        egressIp = egressIp == null ? new EgressIpCheckConfig(null, null, null, null, null, null) : egressIp;
        secretsRotation = secretsRotation == null
                ? new SecretsRotationCheckConfig(null, null, null, null, null, null) : secretsRotation;
        plaintextSecrets = plaintextSecrets == null
                ? new PlaintextSecretsCheckConfig(null, null, null, null, null) : plaintextSecrets;
    }
}
