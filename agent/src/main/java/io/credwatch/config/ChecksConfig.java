package io.credwatch.config;

public record ChecksConfig(
        @Key("aws-credentials") AwsCredentialsCheckConfig awsCredentials,
        @Key("egress-ip") EgressIpCheckConfig egressIp,
        @Key("secrets-rotation") SecretsRotationCheckConfig secretsRotation,
        @Key("plaintext-secrets") PlaintextSecretsCheckConfig plaintextSecrets) {

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
