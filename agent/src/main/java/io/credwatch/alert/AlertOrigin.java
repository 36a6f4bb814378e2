package io.credwatch.alert;

/** Which host and environment an alert comes from, so one channel can serve a fleet. */
public record AlertOrigin(String host, String environment) {
}
