package io.credwatch.egress;

import io.credwatch.testing.Loopback;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * EC2's Query API, {@code DescribeAddresses} only: it answers the Elastic IPs whose public IP
 * matches the request's {@code public-ip} filter, or, when {@link #errorCode} is set, an EC2
 * XML error with HTTP 403.
 */
final class FakeEc2 extends Loopback {

    /** publicIp -> allocationId, instanceId. */
    final Map<String, String[]> elasticIps = new LinkedHashMap<>();
    final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
    final AtomicInteger calls = new AtomicInteger();
    volatile String errorCode;

    FakeEc2() {
        server.createContext("/", ex -> {
            calls.incrementAndGet();
            Map<String, String> form = parse(read(ex));
            requests.add(form);
            if (errorCode != null) {
                send(ex, 403, "text/xml;charset=UTF-8", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        + "<Response><Errors><Error><Code>" + errorCode + "</Code><Message>You are not authorized to "
                        + "perform this operation. User: arn:aws:sts::111122223333:assumed-role/bot/i-0abc is not "
                        + "authorized to perform: ec2:DescribeAddresses</Message></Error></Errors>"
                        + "<RequestID>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestID></Response>");
                return;
            }
            if (!"DescribeAddresses".equals(form.get("Action"))) {
                send(ex, 400, "text/xml", "<Response><Errors><Error><Code>InvalidAction</Code><Message>no</Message>"
                        + "</Error></Errors><RequestID>x</RequestID></Response>");
                return;
            }
            StringBuilder items = new StringBuilder();
            String wanted = "public-ip".equals(form.get("Filter.1.Name")) ? form.get("Filter.1.Value.1") : null;
            elasticIps.forEach((ip, ids) -> {
                if (wanted == null || wanted.equals(ip)) {
                    items.append("<item><publicIp>").append(ip).append("</publicIp>")
                            .append("<allocationId>").append(ids[0]).append("</allocationId>")
                            .append("<domain>vpc</domain>")
                            .append(ids[1] == null ? "" : "<instanceId>" + ids[1] + "</instanceId>")
                            .append("<associationId>eipassoc-0123456789abcdef0</associationId>")
                            .append("<networkInterfaceId>eni-0123456789abcdef0</networkInterfaceId>")
                            .append("</item>");
                }
            });
            send(ex, 200, "text/xml;charset=UTF-8", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    + "<DescribeAddressesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
                    + "<requestId>59dbff89-35bd-4eac-99ed-be587EXAMPLE</requestId>"
                    + "<addressesSet>" + items + "</addressesSet></DescribeAddressesResponse>");
        });
        start();
    }

    /** The SDK's own EC2 client, as the agent builds it, pointed here with dummy keys. */
    Ec2Client client() {
        return Ec2Client.builder()
                .endpointOverride(uri(""))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private static Map<String, String> parse(String body) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            m.put(k, v);
        }
        return m;
    }
}
