package io.credwatch.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretRulesTest {

    @Nested
    class Names {
        @ParameterizedTest
        @CsvSource({
            "API_KEY, true", "apiKey, true", "BINANCE_API_SECRET, true", "DB_PASSWORD, true", "KUCOIN_PASSPHRASE, true",
            "SLACK_TOKEN, true", "accessToken, true", "SECRET_KEY_BASE, true", "db.pass, true", "signing.secret, true",
            "KEY_ID_FIELD_NAME, false", "TOKEN_URL, false", "AWS_ACCESS_KEY_ID, false", "DB_PASSWORD_FILE, false",
            "PUBLIC_KEY, false", "EXCHANGE_PUBLIC_KEY, false", "pubkey, false", "MONKEY, false", "KEYBOARD_LAYOUT, false",
            "MAX_TOKENS, false", "secretsManager, false", "tokenFile, false", "LOG_LEVEL, false", "SECRET_ARN, false"})
        void aNameLooksSecretOnlyWhenItHoldsTheSecretItself(String name, boolean secret) {
            assertEquals(secret, SecretNames.looksSecret(name), name);
        }
    }

    @Nested
    class Values {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "s3cr3t-literal-value | true", "hunter2-prod | true", "https://user:pw@db.internal/x | true",
            "'' | false", "abc | false", "YOUR_KEY_HERE | false", "changeme | false", "<your api key> | false",
            "${API_KEY} | false", "$API_KEY | false", "xxxxxxxxxxxx | false", "REPLACE_ME | false", "true | false",
            "arn:aws:secretsmanager:us-east-1:123456789012:secret:x | false", "arn:aws:ssm:us-east-1:1:parameter/x | false",
            "/run/credentials/app/key | false", "%d/kucoin.key | false", "https://auth.example.com/token | false",
            "{{ secret }} | false", "4096 | false", "AKIAIOSFODNN7EXAMPLE | false", "******** | false"})
        void aValueIsLiteralUnlessItIsAPlaceholderOrAReference(String value, boolean literal) {
            assertEquals(literal, SecretValues.isLiteral(value), value);
        }

        @ParameterizedTest
        @CsvSource({
            "4d8dbc74254770f58904dba41ecccc3fc1626e53, true", "u8jzPde0IgxLd6GncfBAepfJ, true",
            "aaaaaaaaaaaaaaaaaaaa, false", "mm-reporter-cache, false", "short1A, false"})
        void highEntropyMeansRandomLooking(String value, boolean high) {
            assertEquals(high, SecretValues.isHighEntropy(value), value + " " + SecretValues.entropy(value));
        }
    }
}
