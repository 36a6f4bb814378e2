package io.credwatch.exchange;

import io.credwatch.credential.ApiCredentials;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RedactionTest {

    private final Redaction redaction = new Redaction(new ApiCredentials("myKey-123", "theSecretValue!", "pass"));

    @Test
    void anOrdinaryMessageIsKept() {
        assertEquals("Signature for this request is not valid.", redaction.clean("Signature for this request is not valid."));
    }

    @Test
    void theKeyPiecesOfTheSecretAndThePassphraseAreMasked() {
        assertEquals("key [redacted] secret x[redacted] pw [redacted]",
                redaction.clean("key myKey-123 secret xSecretVa pw pass"));
    }

    @Test
    void aWholeSecretInAMessageLeavesNoneOfItsCharactersInView() {
        assertEquals("echo [redacted] end", redaction.clean("echo theSecretValue! end"));
        assertEquals("at /v5/[redacted]-x", redaction.clean("at /v5/theSecretValue!-x"));
    }

    @Test
    void anEchoedSigningStringAndLongTokensAreMasked() {
        assertEquals("error sign! [redacted]", redaction.clean("error sign! origin_string[1700000000000abc5000]"));
        assertEquals("bad sig [redacted] here",
                redaction.clean("bad sig 8bcbfa13417c111bf844f1608326e4e4a4fe010767ebb3fed86d736ce58932cb here"));
    }

    @Test
    void credwatchsOwnRequestPathsStayReadableWhileSignaturesAfterASlashGo() {
        assertEquals("no answer to POST /v2/private/get-account-summary within 17ms",
                redaction.clean("no answer to POST /v2/private/get-account-summary within 17ms"));
        assertEquals("GET /api/v1/user-info: reset", redaction.clean("GET /api/v1/user-info: reset"));
        assertEquals("GET [redacted]", redaction.clean("GET /8bcbfa13417c111bf844f1608326e4e4a4fe010767ebb3fed86d736ce58932cb"));
        assertEquals("GET [redacted]", redaction.clean("GET /K7MDENG/bPxRfiCYEXAMPLEKEY"));
    }

    @Test
    void controlCharactersGoAndTheLengthIsCapped() {
        String cleaned = redaction.clean("line\nbreak\u0007 " + "word ".repeat(100));

        assertTrue(cleaned.startsWith("line break "), cleaned);
        assertEquals(Redaction.MAX_MESSAGE_CHARS, cleaned.length());
        assertTrue(cleaned.endsWith("…"));
    }

    @Test
    void onlyAPlainCodeIsShown() {
        assertEquals("-2015", Redaction.code("-2015"));
        assertEquals("", Redaction.code("<script>"));
        assertEquals("", Redaction.code("x".repeat(40)));
    }
}
