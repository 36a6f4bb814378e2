package io.credwatch.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.credwatch.alert.WebhookReceiver;
import io.credwatch.aws.FakeAws;
import io.credwatch.aws.FakeSecretsManager.Secret;
import io.credwatch.config.ExchangeType;
import io.credwatch.credential.ApiCredentials;
import io.credwatch.exchange.FakeExchanges;
import io.credwatch.testing.IpEcho;
import io.credwatch.testing.Loopback;
import io.credwatch.testing.PemKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A host as the sweep sets it up: every secret a canary, each handed to the agent the way a
 * real host hands it over (the environment, an env file a bot also reads, a systemd
 * credential directory, Secrets Manager, the token file, a webhook URL whose path is a
 * secret; Ed25519 and RSA private keys as PEM in the secret's place), and every service the agent talks to faked on loopback: AWS (STS, IAM, EC2,
 * Secrets Manager), an egress IP echo, the five exchanges (quoting refused requests back),
 * a webhook receiver. The accounts are arranged so that each ends in a different outcome.
 */
final class SweptHost implements AutoCloseable {

    static final String EGRESS_IP = "198.51.100.4";

    static final Canary AWS_KEY_ID = new Canary("AWS access key id", "AKIAQCANARYX7K2M9P4D");
    static final Canary AWS_SECRET = new Canary("AWS secret key", "cWcanaryAwsSecret0Vq7Lx9Pz2Wm4Rt8Ny6Hb3J");
    static final Canary CRYPTO_KEY = new Canary("Crypto.com key", "cryptoCanaryKey4f8e2d6c1b9a7e3f5d0c");
    static final Canary CRYPTO_SECRET = new Canary("Crypto.com secret", "cryptoCanarySecret7Hq2Wx9Lm4Vp8Rz3Kt6");
    static final Canary CRYPTO_ROTATED = new Canary("Crypto.com secret, rotated", "cryptoRotatedSecret2Jd8Fs3Ga1Hk5Lq9Zx");
    static final Canary BYBIT_KEY = new Canary("Bybit key", "bybitCanaryKey9T3xQ7mW2pL5");
    /** The secret the exchange knows; this host holds only a stale one, so the agent never sees it. */
    static final String BYBIT_CURRENT_SECRET = "bybitCanarySecret4Nv8Cz1Xb6Mq3Wr7Ty2";
    static final Canary BYBIT_STALE = new Canary("Bybit secret, stale", "bybitStaleSecret8Pk2Lm6Qr4Zt9Vw3Xy7");
    static final Canary BINANCE_KEY = new Canary("Binance key", "binanceCanaryKey5Yh7Uj3Ik9Ol1Pq6Aw2Se4Dr8Ft");
    static final Canary BINANCE_SECRET = new Canary("Binance secret", "binanceCanarySecret3Gh6Jk9Lz2Xc5Vb8Nm1Qw4");
    static final Canary KUCOIN_KEY = new Canary("KuCoin key", "kucoinCanaryKey64f1a9e2b7c3d8");
    static final Canary KUCOIN_SECRET = new Canary("KuCoin secret", "kucoinCanarySecret1a2b3c4d5e6f7a8b9c0d");
    static final Canary KUCOIN_PASSPHRASE = new Canary("KuCoin passphrase", "kucoinCanaryPass7Rt2Yu8Io3Pa5Sd");
    static final Canary ALPACA_KEY = new Canary("Alpaca key", "PKCANARYALPACA9X8C7V6B5N4M");
    static final Canary ALPACA_SECRET = new Canary("Alpaca secret", "alpacaCanarySecret6Zx5Cv4Bn3Mq2Wr1Et9Yu8");
    static final Canary HALF_KEY = new Canary("half a pair's key", "halfPairCanaryKey3Ws5Ed7Rf9Tg1Yh");
    static final Canary TOKEN = new Canary("API bearer token", "apiTokenCanary8Kd3Js6Ha9Lq2Mz5Xn7Bv4");
    static final Canary HOOK_PATH = new Canary("webhook URL path", "hookPathCanary5Gf7Hd9Jk2Ls4Qa6Wz8");
    static final Canary BINANCE_ED25519_KEY = new Canary("Binance Ed25519 API key", "binanceEdCanaryKey2Wq8Er4Ty6Ui1Op3");
    static final PemKeys.Pair ED25519 = PemKeys.ed25519();
    static final Canary BINANCE_ED25519 = Canary.privateKey("Binance Ed25519 private key", ED25519);
    static final Canary BYBIT_RSA_KEY = new Canary("Bybit RSA API key", "bybitRsaCanaryKey7Hj3Kl9Zx5Cv2Bn8");
    static final PemKeys.Pair RSA = PemKeys.rsa();
    static final Canary BYBIT_RSA = Canary.privateKey("Bybit RSA private key", RSA);
    /** An RSA key whose PEM reached the host cut short: the check says so, and shows none of it. */
    static final PemKeys.Pair CUT = PemKeys.rsa();
    static final Canary BINANCE_CUT = Canary.privateKey("Binance RSA private key, cut short", CUT);

    static final List<Canary> CANARIES = List.of(AWS_KEY_ID, AWS_SECRET, CRYPTO_KEY, CRYPTO_SECRET, CRYPTO_ROTATED,
            BYBIT_KEY, BYBIT_STALE, BINANCE_KEY, BINANCE_SECRET, KUCOIN_KEY, KUCOIN_SECRET,
            KUCOIN_PASSPHRASE, ALPACA_KEY, ALPACA_SECRET, HALF_KEY, TOKEN, HOOK_PATH, BINANCE_ED25519_KEY,
            BINANCE_ED25519, BYBIT_RSA_KEY, BYBIT_RSA, BINANCE_CUT);

    /** The outcome each check must reach, so the sweep is known to have gone through it. */
    static final Map<String, String> OUTCOMES = Map.ofEntries(
            Map.entry("exchange:cryptocom-main", "OK NONE"),
            Map.entry("exchange:bybit-main", "CRITICAL AUTH_FAILED"),
            Map.entry("exchange:binance-main", "CRITICAL IP_NOT_ALLOWLISTED"),
            Map.entry("exchange:kucoin-main", "OK NONE"),
            Map.entry("exchange:kucoin-dev", "CRITICAL ENVIRONMENT_MIXED"),
            Map.entry("exchange:alpaca-main", "CRITICAL FINGERPRINT_MISMATCH"),
            Map.entry("exchange:cryptocom-half", "CRITICAL NO_CREDENTIALS"),
            // Signed with the private keys and accepted: what is left is the fakes' withdrawal permission.
            Map.entry("exchange:binance-ed25519", "WARN PERMISSION_TOO_BROAD"),
            Map.entry("exchange:bybit-rsa", "WARN PERMISSION_TOO_BROAD"),
            Map.entry("exchange:binance-cut", "CRITICAL INVALID_CREDENTIALS"),
            Map.entry("plaintext-secrets", "CRITICAL PLAINTEXT_SECRET"),
            Map.entry("secrets-rotation", "CRITICAL ENVIRONMENT_MIXED"));

    final Path dir;
    final Path deploy;
    final Path credentials;
    final Path state;
    final Path config;
    final FakeAws aws = new FakeAws();
    final IpEcho echo = new IpEcho(EGRESS_IP);
    final WebhookReceiver webhooks = new WebhookReceiver();
    final Map<ExchangeType, Loopback> exchanges = new EnumMap<>(ExchangeType.class);
    /** Exchanges holding the public half of a self-generated key. */
    final Loopback binanceEd25519;
    final Loopback bybitRsa;
    /** The one secret only Secrets Manager holds, for the self-check that the search finds it there. */
    private final String cutKeySecret;
    /** What the agent's environment adds to the test's. */
    final Map<String, String> env = new LinkedHashMap<>();

    SweptHost(Path dir) throws IOException {
        this.dir = dir;
        deploy = Files.createDirectories(dir.resolve("deploy"));
        credentials = Files.createDirectories(dir.resolve("credentials"));
        state = dir.resolve("state");
        webhooks.start();
        aws.key(AWS_KEY_ID.value(), AWS_SECRET.value());
        String kucoinPair = "{\"api_key\":\"" + KUCOIN_KEY.value() + "\",\"api_secret\":\"" + KUCOIN_SECRET.value()
                + "\",\"api_passphrase\":\"" + KUCOIN_PASSPHRASE.value() + "\"}";
        Instant tenDaysAgo = Instant.now().minus(Duration.ofDays(10));
        // The same key under two environments' names: on this prod host the dev one is refused
        // from its name (exchange:kucoin-dev, secrets-rotation) and never read.
        aws.secretsManager.put(Secret.of("mm-bot/prod/kucoin", kucoinPair, tenDaysAgo));
        aws.secretsManager.put(Secret.of("mm-bot/dev/kucoin", kucoinPair, tenDaysAgo));
        exchanges.put(ExchangeType.CRYPTOCOM, FakeExchanges.quotingRequests(ExchangeType.CRYPTOCOM,
                ApiCredentials.of(CRYPTO_KEY.value(), CRYPTO_SECRET.value())));
        exchanges.put(ExchangeType.BYBIT, FakeExchanges.quotingRequests(ExchangeType.BYBIT,
                ApiCredentials.of(BYBIT_KEY.value(), BYBIT_CURRENT_SECRET)));
        exchanges.put(ExchangeType.BINANCE, FakeExchanges.quotingRequests(ExchangeType.BINANCE,
                ApiCredentials.of(BINANCE_KEY.value(), BINANCE_SECRET.value())));
        exchanges.put(ExchangeType.KUCOIN, FakeExchanges.quotingRequests(ExchangeType.KUCOIN,
                new ApiCredentials(KUCOIN_KEY.value(), KUCOIN_SECRET.value(), KUCOIN_PASSPHRASE.value())));
        exchanges.put(ExchangeType.ALPACA, FakeExchanges.quotingRequests(ExchangeType.ALPACA,
                ApiCredentials.of(ALPACA_KEY.value(), ALPACA_SECRET.value())));
        binanceEd25519 = FakeExchanges.quotingRequests(ExchangeType.BINANCE, BINANCE_ED25519_KEY.value(),
                ED25519.publicKey());
        bybitRsa = FakeExchanges.quotingRequests(ExchangeType.BYBIT, BYBIT_RSA_KEY.value(), RSA.publicKey());
        // The cut key in one JSON secret, its newlines escaped as JSON writes them.
        cutKeySecret = new ObjectMapper().writeValueAsString(Map.of("api_key", BINANCE_ED25519_KEY.value(),
                "api_secret", CUT.pem().substring(0, CUT.pem().length() / 2)));
        aws.secretsManager.put(Secret.of("mm-bot/prod/binance-cut", cutKeySecret, tenDaysAgo));

        writeCryptoComEnvFile(CRYPTO_SECRET);
        // Plaintext keys beside it, as deployments leave them: the scan's findings must not quote them.
        Files.writeString(deploy.resolve("aws.env"), "AWS_ACCESS_KEY_ID=" + AWS_KEY_ID.value()
                + "\nAWS_SECRET_ACCESS_KEY=" + AWS_SECRET.value() + "\n");
        Files.writeString(deploy.resolve("bot.json"), "{\"kucoin\": {\"apiKey\": \"" + KUCOIN_KEY.value()
                + "\", \"apiSecret\": \"" + KUCOIN_SECRET.value() + "\", \"apiPassphrase\": \""
                + KUCOIN_PASSPHRASE.value() + "\"}}\n");
        // LoadCredential= files holding a secret the exchange no longer accepts.
        Files.writeString(credentials.resolve("bybit.key"), BYBIT_KEY.value() + "\n");
        Files.writeString(credentials.resolve("bybit.secret"), BYBIT_STALE.value() + "\n");
        Files.writeString(dir.resolve("token"), TOKEN.value() + "\n");
        // A self-generated RSA key by LoadCredential=: the PEM is the .secret file.
        Files.writeString(credentials.resolve("bybit-rsa.key"), BYBIT_RSA_KEY.value() + "\n");
        Files.writeString(credentials.resolve("bybit-rsa.secret"), RSA.pem());

        env.put("AWS_ACCESS_KEY_ID", AWS_KEY_ID.value());
        env.put("AWS_SECRET_ACCESS_KEY", AWS_SECRET.value());
        env.put("AWS_ENDPOINT_URL", aws.uri("").toString());
        env.put("AWS_REGION", "us-east-1");
        env.put("BINANCE_API_KEY", BINANCE_KEY.value());
        env.put("BINANCE_API_SECRET", BINANCE_SECRET.value());
        env.put("APCA_API_KEY_ID", ALPACA_KEY.value());
        env.put("APCA_API_SECRET_KEY", ALPACA_SECRET.value());
        env.put("HALF_API_KEY", HALF_KEY.value()); // and no HALF_API_SECRET: half a pair
        env.put("BINANCE_ED25519_API_KEY", BINANCE_ED25519_KEY.value());
        env.put("BINANCE_ED25519_PRIVATE_KEY", ED25519.pem());
        env.put("CREDENTIALS_DIRECTORY", credentials.toString());
        config = Files.writeString(dir.resolve("credwatch.yaml"), config(""));
    }

    void writeCryptoComEnvFile(Canary secret) throws IOException {
        Files.writeString(deploy.resolve("cryptocom.env"), "export CRYPTO_COM_API_KEY=" + CRYPTO_KEY.value()
                + "\nCRYPTO_COM_API_SECRET=\"" + secret.value() + "\" # rotated monthly\n");
    }

    String hookUrl(String format) {
        return webhooks.uri("/" + format + "/T000/B000/" + HOOK_PATH.value()).toString();
    }

    /**
     * The configuration, with {@code alpacaFingerprint} as alpaca-main's expectedFingerprint
     * ("0123456789", a hash of no key, when empty), and every level of logging on: what an
     * operator chasing a problem would turn on.
     */
    String config(String alpacaFingerprint) {
        String exchange = "{ id: %s, type: %s, baseUrl: \"%s\", interval: 1h, timeout: 3s, %s credentials: %s }";
        return """
                agent: { environment: prod, executionContext: AWS, stateDir: %s }
                http: { port: 0, tokenFile: %s, whoami: true }
                jmx: { enabled: true }
                logging:
                  level: TRACE
                  levels: { org.eclipse.jetty: DEBUG, org.glassfish: DEBUG, software.amazon.awssdk: DEBUG }
                checks:
                  aws-credentials: { interval: 1h, services: [secretsmanager, ec2, sts] }
                  egress-ip: { interval: 1h, sources: ["%s"], allowlist: [%s] }
                  secrets-rotation: { interval: 1h, names: [mm-bot/prod/kucoin] }
                  plaintext-secrets: { interval: 1h, paths: [%s] }
                exchanges:
                  - %s
                  - %s
                  - %s
                  - %s
                  - %s
                  - %s
                  - %s
                  - %s
                  - %s
                  - %s
                alerts:
                  remindEvery: 1h
                  webhooks:
                    - { url: "%s", format: slack }
                    - { url: "%s", format: json }
                """.formatted(state, dir.resolve("token"), echo.uri("/"), EGRESS_IP, deploy,
                exchange.formatted("cryptocom-main", "cryptocom", url(ExchangeType.CRYPTOCOM),
                        "allowlist: [" + EGRESS_IP + "],", "{ envFile: " + deploy.resolve("cryptocom.env") + " }"),
                exchange.formatted("bybit-main", "bybit", url(ExchangeType.BYBIT), "",
                        "{ systemdCredential: bybit }"),
                exchange.formatted("binance-main", "binance", url(ExchangeType.BINANCE), "allowlist: [203.0.113.250],",
                        "{ env: [[BINANCE_API_KEY, BINANCE_API_SECRET]] }"),
                exchange.formatted("kucoin-main", "kucoin", url(ExchangeType.KUCOIN), "",
                        "{ secretsManager: mm-bot/prod/kucoin }"),
                exchange.formatted("kucoin-dev", "kucoin", url(ExchangeType.KUCOIN), "",
                        "{ secretsManager: mm-bot/dev/kucoin }"),
                exchange.formatted("alpaca-main", "alpaca", url(ExchangeType.ALPACA), "expectedFingerprint: \""
                        + (alpacaFingerprint.isEmpty() ? "0123456789" : alpacaFingerprint) + "\",",
                        "{ env: [[APCA_API_KEY_ID, APCA_API_SECRET_KEY]] }"),
                exchange.formatted("cryptocom-half", "cryptocom", url(ExchangeType.CRYPTOCOM), "",
                        "{ env: [[HALF_API_KEY, HALF_API_SECRET]] }"),
                exchange.formatted("binance-ed25519", "binance", binanceEd25519.uri(""), "keyType: ed25519,",
                        "{ env: [[BINANCE_ED25519_API_KEY, BINANCE_ED25519_PRIVATE_KEY]] }"),
                exchange.formatted("bybit-rsa", "bybit", bybitRsa.uri(""), "keyType: rsa,",
                        "{ systemdCredential: bybit-rsa }"),
                exchange.formatted("binance-cut", "binance", binanceEd25519.uri(""), "keyType: rsa,",
                        "{ secretsManager: mm-bot/prod/binance-cut }"),
                hookUrl("slack"), hookUrl("json"));
    }

    private String url(ExchangeType type) {
        return exchanges.get(type).uri("").toString();
    }

    /**
     * Configurations an operator gets wrong with a secret in hand: the secret pasted where its
     * fingerprint or its variable's name belongs, a webhook URL with a typo in its scheme.
     */
    Map<String, String> brokenConfigs() {
        String good = config("");
        return Map.of(
                "secret as expectedFingerprint", config(ALPACA_SECRET.value()),
                "secret as a variable name", good.replace("[[BINANCE_API_KEY, BINANCE_API_SECRET]]",
                        "[[BINANCE_API_KEY, \"" + BINANCE_SECRET.value() + "\"]]"),
                "webhook URL with a typo", good.replace("url: \"http://", "url: \"htp://"));
    }

    /**
     * Everything the agent was handed, for the self-check that the search finds each canary
     * there (the Secrets Manager values are in deploy/bot.json too).
     */
    void handedOver(Emitted inputs) throws IOException {
        inputs.add("environment", env.toString());
        inputs.addTree("files", dir);
        inputs.add("webhook URLs", hookUrl("slack") + " " + hookUrl("json"));
        inputs.add("Secrets Manager mm-bot/prod/binance-cut", cutKeySecret);
    }

    @Override
    public void close() {
        exchanges.values().forEach(Loopback::close);
        binanceEd25519.close();
        bybitRsa.close();
        webhooks.close();
        echo.close();
        aws.close();
    }
}
