package io.credwatch.aws;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * STS, IAM and EC2 (Query protocol, XML answers) and Secrets Manager (JSON 1.1) on one
 * loopback port, as the SDK reaches them through {@code aws.endpointUrl}. Every request's
 * SigV4 signature is recomputed from the raw request with the secret the fake knows for the
 * key id, and refused as AWS refuses it: an unknown key, a wrong secret, an expired session
 * token, a timestamp more than 15 minutes from the server's clock.
 */
public final class FakeAws implements AutoCloseable {

    /** One request as received, and what to answer; the Jetty types stay in {@link #handle}. */
    private record Call(String method, String path, String query, Function<String, List<String>> headers, byte[] body) {
        String header(String name) {
            List<String> values = headers.apply(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    private record Reply(int status, String contentType, String body, Map<String, String> headers) {
    }

    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request, "
                    + "SignedHeaders=([^,]+), Signature=([0-9a-f]{64})");
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    public final Map<String, String> secrets = new ConcurrentHashMap<>();
    public final Set<String> expiredTokens = ConcurrentHashMap.newKeySet();
    public final Set<String> deniedServices = ConcurrentHashMap.newKeySet();
    public final Map<String, Instant> keyCreated = new ConcurrentHashMap<>();
    public final List<String> services = new CopyOnWriteArrayList<>();
    /** Each request whose signature checked out, as "service keyId". */
    public final List<String> signedBy = new CopyOnWriteArrayList<>();
    /** The server's clock runs this far from the real one (its Date header and its 15-minute window). */
    public volatile Duration skew = Duration.ZERO;
    public volatile String account = "123456789012";
    /** What STS's ARN names after the account: an IAM user by default. */
    public volatile String callerResource = "user/bot";
    /** Managed policy ARNs attached to each IAM user, as ListAttachedUserPolicies lists them. */
    public final Map<String, List<String>> attachedPolicies = new ConcurrentHashMap<>();
    /** ListAttachedUserPolicies' page size: a user with more policies is answered in pages, with a marker. */
    public volatile int policiesPerPage = 100;
    /** IAM actions refused with AccessDenied while the rest of IAM answers. */
    public final Set<String> deniedIamActions = ConcurrentHashMap.newKeySet();
    /** Each IAM call as "Action UserName" (no user name: "Action"). */
    public final List<String> iamCalls = new CopyOnWriteArrayList<>();
    /** Secrets Manager's secrets and its call log. */
    public final FakeSecretsManager secretsManager = new FakeSecretsManager();

    private final Server server = new Server();
    private final ServerConnector connector;

    public FakeAws() {
        // Jetty rather than the JDK server: the JDK server stamps its own Date header, and the
        // skew tests need the fake's clock in it, as AWS's clock is in AWS's answers.
        HttpConfiguration http = new HttpConfiguration();
        http.setSendDateHeader(false);
        http.setSendServerVersion(false);
        connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                Call call = new Call(request.getMethod(), request.getHttpURI().getPath(), request.getHttpURI().getQuery(),
                        name -> request.getHeaders().getValuesList(name),
                        Content.Source.asInputStream(request).readAllBytes());
                Reply reply = FakeAws.this.handle(call);
                response.setStatus(reply.status());
                response.getHeaders().put("Content-Type", reply.contentType());
                response.getHeaders().put("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(
                        serverNow().atZone(ZoneOffset.UTC)));
                reply.headers().forEach((k, v) -> response.getHeaders().put(k, v));
                Content.Sink.write(response, true, reply.body(), callback);
                return true;
            }
        });
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + path);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public FakeAws key(String accessKeyId, String secret) {
        secrets.put(accessKeyId, secret);
        return this;
    }

    private Instant serverNow() {
        return Clock.systemUTC().instant().plus(skew);
    }

    private Reply handle(Call ex) {
        byte[] body = ex.body();
        String authorization = ex.header("Authorization");
        Matcher m = authorization == null ? null : AUTHORIZATION.matcher(authorization);
        if (m == null || !m.matches()) {
            return refuse("unknown", 403, "MissingAuthenticationToken", "Request is missing Authentication Token");
        }
        String keyId = m.group(1);
        String service = m.group(4);
        services.add(service);
        String secret = secrets.get(keyId);
        if (secret == null) {
            return refuse(service, 403, invalidKeyCode(service), "The security token included in the request is invalid.");
        }
        Instant signedAt = Instant.from(AMZ_DATE.parse(ex.header("X-Amz-Date")));
        if (Duration.between(signedAt, serverNow()).abs().compareTo(Duration.ofMinutes(15)) > 0) {
            return refuse(service, 400, "RequestExpired", "Request has expired.");
        }
        if (!signature(ex, body, secret, m).equals(m.group(6))) {
            return refuse(service, 403, "SignatureDoesNotMatch", "The request signature we calculated does not match "
                    + "the signature you provided. Check your AWS Secret Access Key and signing method.");
        }
        signedBy.add(service + " " + keyId);
        String token = ex.header("X-Amz-Security-Token");
        if (token != null && expiredTokens.contains(token)) {
            return refuse(service, 400, "ExpiredToken", "The security token included in the request is expired");
        }
        if (deniedServices.contains(service)) {
            return refuse(service, service.equals("ec2") ? 403 : 400, deniedCode(service),
                    "User: arn:aws:iam::" + account + ":user/bot is not authorized to perform this operation");
        }
        return answer(service, keyId, ex);
    }

    private Reply answer(String service, String keyId, Call call) {
        return switch (service) {
            case "sts" -> new Reply(200, "text/xml", """
                    <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                      <GetCallerIdentityResult>
                        <Arn>arn:aws:iam::%s:%s</Arn>
                        <UserId>AIDAEXAMPLEUSERID0001</UserId>
                        <Account>%s</Account>
                      </GetCallerIdentityResult>
                      <ResponseMetadata><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId></ResponseMetadata>
                    </GetCallerIdentityResponse>""".formatted(account, callerResource, account), Map.of());
            case "secretsmanager" -> {
                FakeSecretsManager.Answer a = secretsManager.answer(call.header("X-Amz-Target"), call.body(), account);
                yield new Reply(a.status(), "application/x-amz-json-1.1", a.body(),
                        a.errorType().map(t -> Map.of("x-amzn-ErrorType", t)).orElse(Map.of()));
            }
            // DryRun: an allowed call answers with this error and does nothing.
            case "ec2" -> new Reply(412, "text/xml", "<Response><Errors><Error><Code>DryRunOperation</Code><Message>"
                    + "Request would have succeeded, but DryRun flag is set.</Message></Error></Errors>"
                    + "<RequestID>r-1</RequestID></Response>", Map.of());
            case "iam" -> iam(keyId, form(call.body()));
            default -> refuse(service, 400, "InvalidAction", "unknown service " + service);
        };
    }

    /** IAM's Query protocol: the action and its parameters in a form-encoded body. */
    private Reply iam(String keyId, Map<String, String> params) {
        String action = params.getOrDefault("Action", "");
        iamCalls.add(params.containsKey("UserName") ? action + " " + params.get("UserName") : action);
        if (deniedIamActions.contains(action)) {
            return refuse("iam", 403, "AccessDenied", "User: arn:aws:iam::" + account + ":user/bot is not "
                    + "authorized to perform: iam:" + action);
        }
        return switch (action) {
            case "ListAccessKeys" -> {
                Instant created = keyCreated.getOrDefault(keyId, Instant.now().minus(Duration.ofDays(30)));
                yield new Reply(200, "text/xml", """
                        <ListAccessKeysResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
                          <ListAccessKeysResult>
                            <AccessKeyMetadata><member>
                              <UserName>bot</UserName><AccessKeyId>%s</AccessKeyId>
                              <Status>Active</Status><CreateDate>%s</CreateDate>
                            </member></AccessKeyMetadata>
                            <IsTruncated>false</IsTruncated>
                          </ListAccessKeysResult>
                          <ResponseMetadata><RequestId>r-2</RequestId></ResponseMetadata>
                        </ListAccessKeysResponse>""".formatted(keyId, created), Map.of());
            }
            case "ListAttachedUserPolicies" -> attachedUserPolicies(params);
            default -> refuse("iam", 400, "InvalidAction", "unknown action " + action);
        };
    }

    private Reply attachedUserPolicies(Map<String, String> params) {
        List<String> all = attachedPolicies.getOrDefault(params.get("UserName"), List.of());
        int from = Integer.parseInt(params.getOrDefault("Marker", "0"));
        int to = Math.min(all.size(), from + policiesPerPage);
        StringBuilder members = new StringBuilder();
        for (String arn : all.subList(from, to)) {
            members.append("<member><PolicyName>").append(arn.substring(arn.lastIndexOf('/') + 1))
                    .append("</PolicyName><PolicyArn>").append(arn).append("</PolicyArn></member>");
        }
        return new Reply(200, "text/xml", """
                <ListAttachedUserPoliciesResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
                  <ListAttachedUserPoliciesResult>
                    <AttachedPolicies>%s</AttachedPolicies>
                    <IsTruncated>%s</IsTruncated>%s
                  </ListAttachedUserPoliciesResult>
                  <ResponseMetadata><RequestId>r-5</RequestId></ResponseMetadata>
                </ListAttachedUserPoliciesResponse>""".formatted(members, to < all.size(),
                to < all.size() ? "<Marker>" + to + "</Marker>" : ""), Map.of());
    }

    private static Map<String, String> form(byte[] body) {
        Map<String, String> params = new HashMap<>();
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    private static String invalidKeyCode(String service) {
        return switch (service) {
            case "secretsmanager" -> "UnrecognizedClientException";
            case "ec2" -> "AuthFailure";
            default -> "InvalidClientTokenId";
        };
    }

    private static String deniedCode(String service) {
        return switch (service) {
            case "secretsmanager" -> "AccessDeniedException";
            case "ec2" -> "UnauthorizedOperation";
            default -> "AccessDenied";
        };
    }

    /** Each protocol's error shape: JSON 1.1 for Secrets Manager, EC2's own XML, the Query XML for the rest. */
    private static Reply refuse(String service, int status, String code, String message) {
        return switch (service) {
            case "secretsmanager" -> new Reply(status, "application/x-amz-json-1.1",
                    "{\"__type\":\"" + code + "\",\"message\":\"" + message + "\"}", Map.of("x-amzn-ErrorType", code));
            case "ec2" -> new Reply(status, "text/xml", "<Response><Errors><Error><Code>" + code + "</Code><Message>"
                    + message + "</Message></Error></Errors><RequestID>r-3</RequestID></Response>", Map.of());
            default -> new Reply(status, "text/xml", "<ErrorResponse><Error><Type>Sender</Type><Code>" + code
                    + "</Code><Message>" + message + "</Message></Error><RequestId>r-4</RequestId></ErrorResponse>",
                    Map.of());
        };
    }

    /** SigV4, recomputed from the request as received (AWS General Reference, "Signature Version 4"). */
    private static String signature(Call ex, byte[] body, String secret, Matcher auth) {
        List<String> signed = List.of(auth.group(5).split(";"));
        StringBuilder headers = new StringBuilder();
        for (String name : signed) {
            List<String> values = ex.headers().apply(name);
            String value = values == null ? "" : String.join(",", values).trim().replaceAll(" +", " ");
            headers.append(name).append(':').append(value).append('\n');
        }
        String query = ex.query();
        List<String> params = new ArrayList<>(query == null || query.isEmpty() ? List.of() : List.of(query.split("&")));
        params.sort(null);
        String canonical = ex.method() + "\n" + ex.path() + "\n"
                + String.join("&", params) + "\n" + headers + "\n" + auth.group(5) + "\n" + hex(sha256(body));
        String date = auth.group(2);
        String scope = date + "/" + auth.group(3) + "/" + auth.group(4) + "/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + ex.header("X-Amz-Date") + "\n" + scope + "\n"
                + hex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, auth.group(3));
        key = hmac(key, auth.group(4));
        key = hmac(key, "aws4_request");
        return hex(hmac(key, toSign));
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes).toLowerCase(Locale.ROOT);
    }
}
