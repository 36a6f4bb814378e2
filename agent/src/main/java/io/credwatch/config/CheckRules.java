package io.credwatch.config;

import static io.credwatch.config.ValueRules.allowlist;
import static io.credwatch.config.ValueRules.glob;
import static io.credwatch.config.ValueRules.positive;
import static io.credwatch.config.ValueRules.refuse;
import static io.credwatch.config.ValueRules.schedule;

import java.util.List;

/** The {@code checks} section, check by check. */
final class CheckRules {

    private static final List<String> AWS_SERVICES = List.of("secretsmanager", "ec2", "sts");

    private CheckRules() {
    }

    static void validate(ChecksConfig checks) throws ConfigException {
        awsCredentials(checks.awsCredentials());
        egressIp(checks.egressIp());
        secretsRotation(checks.secretsRotation());
        plaintextSecrets(checks.plaintextSecrets());
    }

    private static void awsCredentials(AwsCredentialsCheckConfig aws) throws ConfigException {
        schedule("checks.aws-credentials", aws.interval(), aws.timeout(), aws);
        positive("checks.aws-credentials.criticalBefore", aws.criticalBefore());
        positive("checks.aws-credentials.maxKeyAge", aws.maxKeyAge());
        if (aws.warnBefore().compareTo(aws.criticalBefore()) < 0) {
            throw new ConfigException("checks.aws-credentials.warnBefore", DurationSyntax.format(aws.warnBefore())
                    + " is shorter than criticalBefore (" + DurationSyntax.format(aws.criticalBefore())
                    + "); a warning must come before the critical alert");
        }
        for (int i = 0; i < aws.services().size(); i++) {
            String s = aws.services().get(i);
            if (!AWS_SERVICES.contains(s)) {
                throw new ConfigException("checks.aws-credentials.services[" + i + "]",
                        "unknown service '" + s + "'; one of secretsmanager, ec2, sts");
            }
        }
        accountId("checks.aws-credentials.expectedAccount", aws.expectedAccount());
    }

    /** Blank for none. The value is never quoted back: a key pasted into the wrong field must not reach the journal. */
    private static void accountId(String at, String account) throws ConfigException {
        if (account.isBlank() || account.matches("[0-9]{12}")) {
            return;
        }
        String problem = account.chars().allMatch(c -> c >= '0' && c <= '9')
                ? account.length() + " digits; an AWS account id has exactly 12"
                : "not an AWS account id: exactly 12 digits, written in quotes, e.g. \"012345678901\"";
        throw new ConfigException(at, problem + "; the value is not repeated");
    }

    private static void egressIp(EgressIpCheckConfig egress) throws ConfigException {
        schedule("checks.egress-ip", egress.interval(), egress.timeout(), egress);
        if (egress.enabled() && egress.sources().isEmpty()) {
            throw new ConfigException("checks.egress-ip.sources",
                    "no source; list 'imds' and/or an echo URL such as https://checkip.amazonaws.com");
        }
        for (int i = 0; i < egress.sources().size(); i++) {
            String s = egress.sources().get(i);
            if (!EgressIpCheckConfig.IMDS.equals(s)) {
                refuse("checks.egress-ip.sources[" + i + "]", HttpUrls.requestProblem(s, "'imds' or an http(s) URL",
                        null));
            }
        }
        allowlist("checks.egress-ip.allowlist", egress.allowlist());
        positive("checks.egress-ip.changeWarnFor", egress.changeWarnFor());
    }

    private static void secretsRotation(SecretsRotationCheckConfig rotation) throws ConfigException {
        schedule("checks.secrets-rotation", rotation.interval(), rotation.timeout(), rotation);
        for (var e : rotation.maxAge().entrySet()) {
            positive("checks.secrets-rotation.maxAge." + e.getKey().label(), e.getValue());
        }
    }

    private static void plaintextSecrets(PlaintextSecretsCheckConfig plaintext) throws ConfigException {
        schedule("checks.plaintext-secrets", plaintext.interval(), plaintext.timeout(), plaintext);
        for (int i = 0; i < plaintext.paths().size(); i++) {
            glob("checks.plaintext-secrets.paths[" + i + "]", plaintext.paths().get(i));
        }
        for (int i = 0; i < plaintext.ignore().size(); i++) {
            try {
                IgnoreEntry.parse(plaintext.ignore().get(i));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("checks.plaintext-secrets.ignore[" + i + "]", e.getMessage());
            }
        }
    }
}
