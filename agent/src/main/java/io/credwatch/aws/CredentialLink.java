package io.credwatch.aws;

/**
 * The links of the AWS SDK's default credential chain, in the SDK's order
 * ({@code DefaultCredentialsProvider}): the first one that yields credentials is what every
 * SDK application on this host runs with.
 */
public enum CredentialLink {
    SYSTEM_PROPERTIES("system-properties", "Java system properties aws.accessKeyId and aws.secretAccessKey"),
    ENVIRONMENT("environment", "environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"),
    WEB_IDENTITY("web-identity", "web identity token (AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN)"),
    PROFILE("profile", "shared config and credentials files"),
    CONTAINER("container", "container credentials endpoint (ECS task role or EKS pod identity)"),
    INSTANCE_PROFILE("instance-profile", "EC2 instance profile, through IMDS");

    private final String id;
    private final String description;

    CredentialLink(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** The name shown in results and logs. */
    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    /**
     * Whether the SDK fetches new credentials by itself before these expire. A profile
     * depends on what it holds, so it is decided per profile ({@link ProfileKind}).
     */
    public boolean refreshedBySdk() {
        return this == WEB_IDENTITY || this == CONTAINER || this == INSTANCE_PROFILE;
    }
}
