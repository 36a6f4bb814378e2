package io.credwatch.secrets;

import java.util.Arrays;
import java.util.Optional;

/**
 * The rules a scan applies, in order of precedence: when several rules flag the same line,
 * only the first one's findings are shown, so a line is reported once with the most useful
 * fix. The ids are part of the product (output, ignore entries, README); never rename one.
 */
public enum ScanRule {
    PRIVATE_KEY("private-key",
            "move the key into Secrets Manager or a systemd credential (LoadCredential=) readable only by its service, "
                    + "and replace the key pair: it was readable by anyone who could read this file"),
    AWS_ACCESS_KEY("aws-access-key",
            "deactivate and delete this access key in IAM (it was exposed) and give the workload an IAM role "
                    + "(instance profile or ECS task role) instead of static keys"),
    KNOWN_TOKEN("known-token",
            "revoke this token where it was issued (it was exposed), issue a new one and hand it to the service with "
                    + "LoadCredential= (systemd credentials) or Secrets Manager instead of a file"),
    URL_CREDENTIALS("url-credentials",
            "take the password out of the URL: give it to the client separately (LoadCredential=, Secrets Manager or "
                    + "${VARIABLE} resolved at start), then change the password"),
    ECS_PLAINTEXT_ENV("ecs-plaintext-env",
            "move it from environment to secrets with valueFrom set to its Secrets Manager ARN "
                    + "(arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME), grant secretsmanager:GetSecretValue on that "
                    + "secret to the task execution role, then rotate the value"),
    COMPOSE_SECRET("compose-secret",
            "replace the literal with a compose secret (top-level secrets: mounted at /run/secrets/NAME) or fetch it "
                    + "from Secrets Manager at start, then rotate the value"),
    SYSTEMD_SECRET("systemd-env-secret",
            "Environment= is readable by every local user through systemctl show; use LoadCredential=NAME:/etc/credstore/NAME "
                    + "and read $CREDENTIALS_DIRECTORY/NAME, or Secrets Manager, then rotate the value"),
    DOTENV_SECRET("dotenv-secret",
            "remove it from the file; hand it to the service with LoadCredential= (systemd credentials) or fetch it "
                    + "from Secrets Manager, then rotate the value"),
    CONFIG_SECRET("config-secret",
            "replace the literal with a reference (a Secrets Manager ARN or name, or ${VARIABLE}) resolved at start, "
                    + "then rotate the value"),
    HIGH_ENTROPY("high-entropy",
            "if it is a secret, move it to Secrets Manager or a systemd credential (LoadCredential=) and rotate it; "
                    + "if it is not, accept it with an ignore entry FILE#high-entropy");

    private final String id;
    private final String fix;

    ScanRule(String id, String fix) {
        this.id = id;
        this.fix = fix;
    }

    public String id() {
        return id;
    }

    public String fix() {
        return fix;
    }

    public static Optional<ScanRule> byId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }
}
