package io.credwatch.aws;

/** A link of the chain that supplied nothing, and why, in words safe to show. */
public record LinkAttempt(CredentialLink link, String reason) {
}
