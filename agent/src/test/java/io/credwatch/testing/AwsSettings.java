package io.credwatch.testing;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The SDK settings an operator sets in the environment, in their system-property form (a test
 * cannot set variables): {@code AWS_ENDPOINT_URL} is {@code aws.endpointUrl}, and so on.
 * Closing clears every one it set.
 */
public final class AwsSettings implements AutoCloseable {

    public static final String HOST_KEY_ID = "AKIAEXAMPLEHOSTKEY01";
    public static final String HOST_SECRET = "hostSecretwJalrXUtnFEMI0K7MDENG0bPxRfiCY";

    private final List<String> set = new ArrayList<>();

    public AwsSettings set(String property, String value) {
        System.setProperty(property, value);
        set.add(property);
        return this;
    }

    /** Every service endpoint, as {@code AWS_ENDPOINT_URL} does. */
    public AwsSettings endpoint(URI uri) {
        return set("aws.endpointUrl", uri.toString());
    }

    /** {@code AWS_EC2_METADATA_SERVICE_ENDPOINT}, with IMDS switched on for the SDK's providers. */
    public AwsSettings imds(URI uri) {
        return set("aws.ec2MetadataServiceEndpoint", uri.toString()).set("aws.disableEc2Metadata", "false");
    }

    /** The host's own long-term key in the SDK chain's first link, and a region. */
    public AwsSettings hostKey() {
        return set("aws.accessKeyId", HOST_KEY_ID).set("aws.secretAccessKey", HOST_SECRET).set("aws.region", "us-east-1");
    }

    @Override
    public void close() {
        set.forEach(System::clearProperty);
    }
}
