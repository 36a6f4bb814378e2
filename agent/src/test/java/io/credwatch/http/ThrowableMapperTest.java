package io.credwatch.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ThrowableMapperTest {

    private final ThrowableMapper mapper = new ThrowableMapper();

    @Nested
    class WebApplicationExceptions {

        @Test
        void keepTheirStatusAndHeadersButNotTheirMessage() {
            Response response = mapper.toResponse(new NotAllowedException("echoed /path?x=<script>", "GET", new String[] {"HEAD"}));

            assertEquals(405, response.getStatus());
            assertEquals(MediaType.APPLICATION_JSON_TYPE, response.getMediaType());
            assertEquals(new ApiError(405, "method not allowed"), response.getEntity());
            assertEquals(java.util.Set.of("GET", "HEAD"), response.getAllowedMethods());
        }

        @Test
        void ourOwnRefusalsPassThroughUnchanged() {
            ApiException refusal = ApiException.of(404, "unknown check");

            Response response = mapper.toResponse(refusal);

            assertEquals(new ApiError(404, "unknown check"), response.getEntity());
        }

        @Test
        void anEmptyNotFoundGetsTheStandardReason() {
            assertEquals(new ApiError(404, "not found"), mapper.toResponse(new NotFoundException()).getEntity());
        }
    }

    @Nested
    class AnythingElse {

        @Test
        void isA500WithAFixedReason() {
            Response response = mapper.toResponse(new IllegalStateException("contains a secret"));

            assertEquals(500, response.getStatus());
            assertEquals(MediaType.APPLICATION_JSON_TYPE, response.getMediaType());
            assertEquals(new ApiError(500, "internal server error"), response.getEntity());
        }
    }
}
