package io.credwatch.http;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BearerTokenGuardTest {

    private static final String TOKEN = "s3cr3t-token";
    private final BearerTokenGuard guard = new BearerTokenGuard(() -> Optional.of(TOKEN));

    @Nested
    class WithATokenConfigured {

        @Test
        void theExactTokenPasses() {
            assertDoesNotThrow(() -> guard.requireAuthorized("Bearer " + TOKEN));
        }

        @Test
        void surroundingWhitespaceIsTolerated() {
            assertDoesNotThrow(() -> guard.requireAuthorized("Bearer   " + TOKEN + "  "));
        }

        @Test
        void aMissingHeaderIsRefusedWithAChallenge() {
            ApiException refused = assertThrows(ApiException.class, () -> guard.requireAuthorized(null));

            assertEquals(401, refused.getResponse().getStatus());
            assertEquals(BearerTokenGuard.CHALLENGE, refused.getResponse().getHeaderString("WWW-Authenticate"));
        }

        @Test
        void anotherSchemeOrAPrefixOrAnExtensionIsRefused() {
            for (String header : new String[] {"Basic " + TOKEN, TOKEN, "Bearer", "Bearer ", "Bearer s3cr3t",
                    "Bearer " + TOKEN + "-more", "Bearer" + TOKEN, "Bearer " + TOKEN.toUpperCase()}) {
                assertThrows(ApiException.class, () -> guard.requireAuthorized(header), header);
            }
        }

        @Test
        void theRefusalSaysNothingOfEitherToken() {
            ApiException refused = assertThrows(ApiException.class, () -> guard.requireAuthorized("Bearer guess"));

            String everything = refused.getResponse().getEntity() + " " + refused.getResponse().getHeaders()
                    + " " + refused.getMessage();
            assertFalse(everything.contains(TOKEN), everything);
            assertFalse(everything.contains("guess"), everything);
        }
    }

    @Nested
    class WithoutAToken {

        @Test
        void everyRequestPasses() {
            BearerTokenGuard open = new BearerTokenGuard(Optional::empty);

            assertDoesNotThrow(() -> open.requireAuthorized(null));
            assertDoesNotThrow(() -> open.requireAuthorized("Bearer anything"));
        }
    }
}
