package io.credwatch.exchange;

import io.credwatch.aws.FakeAws;
import io.credwatch.aws.FakeInstanceMetadata;
import io.credwatch.aws.FakeSecretsManager;
import io.credwatch.config.ExchangeType;
import io.credwatch.credential.ApiCredentials;
import io.credwatch.testing.IpEcho;
import io.credwatch.testing.Loopback;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The world of a realistic host for {@code scripts/bench}, on loopback: an EC2 instance role
 * (IMDSv2 handing out temporary credentials, and STS, IAM, EC2 and Secrets Manager verifying
 * SigV4 with them), an egress IP echo, and exchange accounts against the signature-verifying
 * fake exchanges, one of which hangs on its signed calls. The same fakes the tests use, so the
 * daemon under measurement does every call it does on a real host.
 *
 * <p>Usage: {@code BenchHost DIR ACCOUNTS INTERVAL_SECONDS}. Writes {@code DIR/host.env} (the
 * daemon's environment: SDK endpoints and the accounts' keys), {@code DIR/exchanges.yaml} (the
 * configuration's {@code exchanges:} list), {@code DIR/probe-targets} (one URL per line, for a
 * peer that probes the same servers), {@code DIR/floor-targets} (each account's public and
 * private URLs, one per line, for the bench's stack floor, which asks them unsigned) and
 * {@code DIR/echo-url} and {@code DIR/secret-names} (secrets Secrets Manager holds, for
 * secrets-rotation), then prints {@code ready} and serves until its standard input closes.
 */
public final class BenchHost {

    /** The address every exchange key is allowlisted for, and the echo answers. */
    static final String EGRESS_IP = "198.51.100.4";
    private static final String ROLE_KEY_ID = "ASIABENCHROLEKEY0001";
    private static final String ROLE_SECRET = "benchRoleSecret00000000000000000000000001";
    private static final String ROLE_TOKEN = "benchRoleSessionToken0001";
    private static final List<String> SECRET_NAMES = List.of("bench/binance/api-key", "bench/kucoin/api-key");

    private BenchHost() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: BenchHost DIR ACCOUNTS INTERVAL_SECONDS");
            System.exit(64);
        }
        Path dir = Path.of(args[0]);
        int accounts = Integer.parseInt(args[1]);
        int interval = Integer.parseInt(args[2]);
        List<Loopback> servers = new ArrayList<>();

        FakeInstanceMetadata imds = new FakeInstanceMetadata();
        imds.accessKeyId = ROLE_KEY_ID;
        imds.secret = ROLE_SECRET;
        imds.sessionToken = ROLE_TOKEN;
        imds.expiration = Instant.now().plusSeconds(6 * 3600);
        servers.add(imds);
        FakeAws aws = new FakeAws().key(ROLE_KEY_ID, ROLE_SECRET);
        aws.callerResource = "assumed-role/" + imds.role + "/i-0123456789abcdef0";
        // Secrets for secrets-rotation to describe: rotated a day ago, rotation on (their values are never read).
        Instant now = Instant.now();
        for (String name : SECRET_NAMES) {
            aws.secretsManager.put(FakeSecretsManager.Secret.of(name, null, now.minus(Duration.ofDays(20)))
                    .rotated(now.minus(Duration.ofDays(1))).accessed(now.minus(Duration.ofHours(1)))
                    .rotating(now.plus(Duration.ofDays(6))));
        }
        IpEcho echo = new IpEcho(EGRESS_IP);
        servers.add(echo);

        // One fake per exchange type, shared by that type's accounts (one key each type), and
        // one more Crypto.com whose signed calls never answer: the hanging account.
        Map<ExchangeType, FakeExchange> fakes = new EnumMap<>(ExchangeType.class);
        Map<ExchangeType, ApiCredentials> keys = new EnumMap<>(ExchangeType.class);
        for (ExchangeType type : ExchangeType.values()) {
            ApiCredentials key = new ApiCredentials(keyId(type), secret(type),
                    type == ExchangeType.KUCOIN ? "benchPassphrase" : "");
            FakeExchange fake = fake(type, key);
            fakes.put(type, fake);
            keys.put(type, key);
            servers.add(fake);
        }
        FakeExchange hanging = new FakeCryptoCom(keys.get(ExchangeType.CRYPTOCOM));
        hanging.privatePaths().forEach(path -> hanging.misbehave(path, FakeExchange.Misbehaviour.HANG));
        servers.add(hanging);

        StringBuilder env = new StringBuilder()
                .append("AWS_ENDPOINT_URL=").append(aws.uri("")).append('\n')
                .append("AWS_EC2_METADATA_SERVICE_ENDPOINT=").append(imds.uri("")).append('\n')
                .append("AWS_EC2_METADATA_DISABLED=false\n")
                .append("AWS_REGION=us-east-1\n");
        StringBuilder yaml = new StringBuilder("exchanges:\n");
        StringBuilder targets = new StringBuilder();
        StringBuilder floorTargets = new StringBuilder();
        ExchangeType[] types = ExchangeType.values();
        for (int i = 0; i < accounts; i++) {
            boolean hangs = i == accounts - 1;
            ExchangeType type = hangs ? ExchangeType.CRYPTOCOM : types[i % types.length];
            FakeExchange fake = hangs ? hanging : fakes.get(type);
            ApiCredentials key = keys.get(type);
            String id = String.format(Locale.ROOT, "%s-%03d%s", type.name().toLowerCase(Locale.ROOT), i, hangs ? "-hangs" : "");
            String prefix = "BENCH_" + i + "_";
            env.append(prefix).append("KEY=").append(key.key()).append('\n')
                    .append(prefix).append("SECRET=").append(key.secret()).append('\n');
            String names = "[" + prefix + "KEY, " + prefix + "SECRET";
            if (key.hasPassphrase()) {
                env.append(prefix).append("PASSPHRASE=").append(key.passphrase()).append('\n');
                names += ", " + prefix + "PASSPHRASE";
            }
            yaml.append("  - id: ").append(id).append('\n')
                    .append("    type: ").append(type.name().toLowerCase(Locale.ROOT)).append('\n')
                    .append("    baseUrl: ").append(fake.uri("")).append('\n')
                    .append("    interval: ").append(interval).append("s\n")
                    .append("    timeout: 3s\n")
                    .append("    maxPrivateCallsPerHour: ").append(3 * 3600 / interval + 10).append('\n')
                    .append("    allowlist: [").append(EGRESS_IP).append("]\n")
                    .append("    credentials: { env: [").append(names).append("]] }\n");
            floorTargets.append(fake.uri(fake.publicPath())).append('\n');
            fake.privatePaths().stream().sorted().forEach(path -> floorTargets.append(fake.uri(path)).append('\n'));
            if (i < types.length || hangs) {
                targets.append(fake.uri(fake.publicPath())).append('\n');
            }
        }
        targets.append(echo.uri("/")).append('\n').append(aws.uri("/")).append('\n');

        Files.createDirectories(dir);
        write(dir.resolve("host.env"), env.toString());
        write(dir.resolve("exchanges.yaml"), yaml.toString());
        write(dir.resolve("probe-targets"), targets.toString());
        write(dir.resolve("floor-targets"), floorTargets.toString());
        write(dir.resolve("echo-url"), echo.uri("/") + "\n");
        write(dir.resolve("secret-names"), String.join("\n", SECRET_NAMES) + "\n");
        System.out.println("ready");
        System.out.flush();
        while (System.in.read() >= 0) {
            // serve until the bench closes our input (or kills us)
        }
        servers.forEach(Loopback::close);
        aws.close();
    }

    private static FakeExchange fake(ExchangeType type, ApiCredentials key) {
        return switch (type) {
            case CRYPTOCOM -> new FakeCryptoCom(key);
            case BYBIT -> new FakeBybit(key);
            case BINANCE -> new FakeBinance(key);
            case KUCOIN -> new FakeKucoin(key);
            case ALPACA -> new FakeAlpaca(key);
        };
    }

    private static String keyId(ExchangeType type) {
        return "benchkey" + type.name().toLowerCase(Locale.ROOT) + "0000000000000000";
    }

    private static String secret(ExchangeType type) {
        return "benchsecret" + type.name().toLowerCase(Locale.ROOT) + "000000000000000000000";
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text);
    }
}
