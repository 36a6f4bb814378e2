package io.credwatch.aws;

/** Who AWS says the credentials belong to (STS GetCallerIdentity). None of it is secret. */
public record CallerIdentity(String account, String arn, String userId) {
}
