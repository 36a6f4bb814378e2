import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.jakarta.rs.json.JacksonJsonProvider;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.glassfish.jersey.jetty.JettyHttpContainer;
import org.glassfish.jersey.jetty.JettyHttpContainerProvider;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.imds.Ec2MetadataClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The stack's floor for scripts/bench: what credwatch's libraries cost doing credwatch's calls,
 * with nothing of credwatch. Jetty 12 with the same thread pool and connector sizes, answering
 * /health itself and mounting Jersey (JettyHttpContainer as a Handler, Jackson as its JSON
 * provider) for /checks; the platform MBean server with ten MBeans; logback, a line a round; and
 * every interval the calls credwatch's checks make against the bench's stand-ins: the AWS SDK v2
 * (STS GetCallerIdentity, EC2 DescribeInstances with DryRun, Secrets Manager ListSecrets, and an
 * IMDS read) over UrlConnectionHttpClient as credwatch builds it, with credentials from the default
 * chain (IMDS, whose endpoint comes from the environment), and the JDK HttpClient on each exchange
 * URL and the egress echo. IAM is left out: credwatch calls it only for long-term user keys, and
 * the bench's host has an instance role. The exchanges' private paths are asked unsigned: the
 * fakes refuse them, which costs the same round trip without credwatch's signing code.
 *
 * <p>Usage: {@code Floor PORT INTERVAL_SECONDS FLOOR_TARGETS_FILE ECHO_URL [noaws]}, with the
 * bench's host.env in the environment. Answers /health once it is listening.
 */
public class Floor {

    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(Floor.class);

    /** A check result's shape: small, as credwatch's /checks entries are. */
    public record Result(String id, String status, String summary, Instant at, long durationMs) {
    }

    @Path("/checks")
    public static class Checks {
        static volatile List<Result> results = List.of();

        @GET
        @Produces(MediaType.APPLICATION_JSON)
        public List<Result> list() {
            return results;
        }
    }

    public interface ProbeMBean {
        String getStatus();

        long getRuns();
    }

    public static class Probe implements ProbeMBean {
        volatile String status = "UNKNOWN";
        volatile long runs;

        @Override
        public String getStatus() {
            return status;
        }

        @Override
        public long getRuns() {
            return runs;
        }
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        long interval = Long.parseLong(args[1]);
        List<URI> targets = new ArrayList<>();
        for (String line : Files.readAllLines(java.nio.file.Path.of(args[2]))) {
            if (!line.isBlank()) {
                targets.add(URI.create(line.trim()));
            }
        }
        URI echo = URI.create(args[3]);
        // "noaws": the egress-only profile, whose credwatch has its AWS checks off.
        boolean withAws = args.length < 5 || !args[4].equals("noaws");

        // As credwatch's own setup: INFO, and the libraries' chatter at WARN (logback's default is DEBUG).
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.INFO);
        for (String noisy : new String[] {"org.eclipse.jetty", "org.glassfish", "software.amazon.awssdk"}) {
            ((Logger) LoggerFactory.getLogger(noisy)).setLevel(Level.WARN);
        }

        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setIdleTimeout(10_000); // as credwatch's: idle threads end 10 s after a burst, all at once
        threads.setMaxEvictCount(16);
        threads.setDaemon(true);
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);

        byte[] health = "{\"status\":\"pass\"}".getBytes(StandardCharsets.UTF_8);
        server.setHandler(new Handler.Abstract() {
            // Jersey built by the first request that needs it, as credwatch does (JerseyOnFirstUse).
            private volatile JettyHttpContainer jersey;

            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                if (Request.getPathInContext(request).startsWith("/health")) {
                    response.setStatus(200);
                    response.getHeaders().put("Content-Type", "application/json");
                    response.write(true, ByteBuffer.wrap(health), callback);
                    return true;
                }
                return jersey().handle(request, response, callback);
            }

            private JettyHttpContainer jersey() throws Exception {
                JettyHttpContainer started = jersey;
                if (started == null) {
                    synchronized (this) {
                        started = jersey;
                        if (started == null) {
                            ResourceConfig resources = new ResourceConfig();
                            resources.property(ServerProperties.WADL_FEATURE_DISABLE, true);
                            resources.register(Checks.class);
                            resources.register(new JacksonJsonProvider(
                                    new ObjectMapper().registerModule(new JavaTimeModule())));
                            started = new JettyHttpContainerProvider().createContainer(JettyHttpContainer.class,
                                    resources);
                            started.setServer(getServer());
                            started.start();
                            addBean(started, true);
                            jersey = started;
                        }
                    }
                }
                return started;
            }
        });
        server.start();

        MBeanServer mbeans = ManagementFactory.getPlatformMBeanServer();
        List<Probe> probes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Probe probe = new Probe();
            probes.add(probe);
            mbeans.registerMBean(probe, new ObjectName("floor:type=Check,name=check-" + i));
        }

        // Built only when used, as credwatch's AwsClients builds them: one URLConnection client, shared.
        SdkHttpClient sdkHttp = withAws ? UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2)).socketTimeout(Duration.ofSeconds(5)).build() : null;
        DefaultCredentialsProvider chain = withAws ? DefaultCredentialsProvider.builder().build() : null;
        Region region = Region.US_EAST_1;
        StsClient sts = withAws
                ? StsClient.builder().httpClient(sdkHttp).credentialsProvider(chain).region(region).build() : null;
        Ec2Client ec2 = withAws
                ? Ec2Client.builder().httpClient(sdkHttp).credentialsProvider(chain).region(region).build() : null;
        SecretsManagerClient secrets = withAws ? SecretsManagerClient.builder().httpClient(sdkHttp)
                .credentialsProvider(chain).region(region).build() : null;
        Ec2MetadataClient imds = withAws ? Ec2MetadataClient.builder().httpClient(UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(1)).socketTimeout(Duration.ofSeconds(1)).build()).build() : null;
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        // The exchange calls run side by side, as credwatch's checks do on their own schedules;
        // a hanging one ends at its 3 s timeout.
        ExecutorService calls = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "floor-call");
            t.setDaemon(true);
            return t;
        });

        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        timer.scheduleWithFixedDelay(() -> {
            long start = System.nanoTime();
            List<Result> results = new ArrayList<>();
            int failed = 0;
            try {
                if (withAws) {
                    results.add(aws("sts", () -> sts.getCallerIdentity()));
                    results.add(aws("ec2", () -> {
                        try {
                            ec2.describeInstances(r -> r.dryRun(true).maxResults(5));
                        } catch (Ec2Exception e) {
                            // DryRun answers with an error either way
                        }
                    }));
                    results.add(aws("secretsmanager", () -> secrets.listSecrets(r -> r.maxResults(1))));
                    results.add(aws("imds", () -> imds.get("/latest/meta-data/iam/security-credentials/")));
                }
                List<Future<Result>> pending = new ArrayList<>();
                List<URI> all = new ArrayList<>(targets);
                all.add(echo);
                for (URI target : all) {
                    pending.add(calls.submit(() -> get(client, target)));
                }
                for (Future<Result> f : pending) {
                    Result r = f.get();
                    results.add(r);
                    if (!r.status().equals("OK")) {
                        failed++;
                    }
                }
            } catch (Exception e) {
                LOG.warn("round failed: {}", e.toString());
            }
            for (int i = 0; i < probes.size(); i++) {
                probes.get(i).runs++;
                probes.get(i).status = i < results.size() ? results.get(i).status() : "UNKNOWN";
            }
            Checks.results = results.size() > 10 ? List.copyOf(results.subList(0, 10)) : List.copyOf(results);
            LOG.info("round: {} calls, {} not 2xx, {} ms", results.size(), failed,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        }, 0, interval, TimeUnit.SECONDS);
        server.join();
    }

    private static Result aws(String id, Runnable call) {
        long start = System.nanoTime();
        String status;
        try {
            call.run();
            status = "OK";
        } catch (RuntimeException e) {
            status = "CRITICAL " + e.getClass().getSimpleName();
        }
        return new Result(id, status, id + " answered", Instant.now(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    private static Result get(HttpClient client, URI target) {
        long start = System.nanoTime();
        String status;
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(target)
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            status = response.statusCode() / 100 == 2 ? "OK" : "HTTP " + response.statusCode();
        } catch (java.io.IOException e) {
            status = "UNKNOWN " + e.getClass().getSimpleName();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = "UNKNOWN interrupted";
        }
        return new Result(target.getPath(), status, target.getHost(), Instant.now(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }
}
