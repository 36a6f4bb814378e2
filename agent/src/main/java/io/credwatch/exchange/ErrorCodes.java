package io.credwatch.exchange;

import io.credwatch.check.Category;
import java.util.Map;
import java.util.Set;

/**
 * One exchange's error codes mapped to what an operator must fix. A code missing from the
 * map is shown as it came, as {@code BAD_RESPONSE}: an answer credwatch cannot read a cause from.
 *
 * @param ambiguous codes the exchange uses for more than one cause (IP or key, say)
 */
record ErrorCodes(Map<String, Category> categories, Set<String> ambiguous) {

    ErrorCodes {
        categories = Map.copyOf(categories);
        ambiguous = Set.copyOf(ambiguous);
    }

    ProbeFailure refusal(String code, String exchangeMessage, int httpStatus) {
        Category category = categories.getOrDefault(code, Category.BAD_RESPONSE);
        String message = exchangeMessage == null || exchangeMessage.isBlank() ? "code " + code : exchangeMessage;
        return new ProbeFailure(category, message, httpStatus, Redaction.code(code), ambiguous.contains(code));
    }
}
