package io.credwatch.http;

import io.credwatch.check.CheckInfo;

/** What is known of a check before its first run: what it is, and that it has no verdict yet. */
record NotRunYet(String id, String type, String summary) {

    static NotRunYet of(CheckInfo check) {
        return new NotRunYet(check.id(), check.type(), "not run yet");
    }
}
