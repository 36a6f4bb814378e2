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
            "MAX_TOKENS, false", "secretsManager, false", "tokenFile, false", "LOG_LEVEL, false", "SECRET_ARN, false",
            "CREDENTIALS, true", "CREDS, true", "AUTH, true", "PASS, true", "PWD, true", "PSWD, true", "token1, true",
            "password2, true", "//registry.npmjs.org/:_authToken, true", "spring.datasource.password, true",
            "foreignKey, false", "schemaKey, false", "keyPair, false", "bucket_key, false", "primary_key, false",
            "STRIPE_PUBLISHABLE_KEY, false", "AUTH_METHOD, false", "AUTH_USER, false", "ID_ALPHABET, false",
            "CREDENTIALS_FILE, false", "AUTH0_DOMAIN, false", "signingKeyAlias, false",
            "LoadCredential, false", "ImportCredential, false", "systemdCredential, false"})
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
            "{{ secret }} | false", "4096 | false", "AKIAIOSFODNN7EXAMPLE | false", "******** | false",
            "p@ss:w0rd! | true", "Tr0ub4dor&3 | true",
            "ENC[AES256_GCM,data:Zm9v,iv:YmFy,tag:YmF6,type:str] | false", "ENC(Zm9vYmFyYmF6cXV4) | false",
            "$(API_KEY) | false", "!Ref DbPassword | false", "pk_live_4eC39HqLyjWDarjtT1zdp7dc | false",
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl ops | false",
            "fake-jwt-secret | false", "dummy | false", "put-it-here | false", "your-token | false", "aaaaaaaaaa | false",
            "abcdefghijklmnopqrstuvwxyz0123456789 | false", "@Microsoft.KeyVault(SecretUri=https://v/secrets/x) | false",
            "service-account.json | false", "%DB_PASSWORD% | false", "@db.password@ | false", "#{dbPassword} | false"})
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
