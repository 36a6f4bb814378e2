package io.credwatch.egress;

import io.credwatch.config.EgressIpCheckConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.imds.Ec2MetadataClient;

/** Turns {@code checks.egress-ip.sources} into sources, given the clients the composition root built. */
public final class EgressSources {

    private EgressSources() {
    }

    /**
     * @param specs {@code imds} or http(s) URLs, as validated by the configuration loader
     * @param imds  the IMDS client, asked for on first use
     * @param http  shared by every echo source, asked for on first use
     */
    public static List<EgressSource> fromConfig(List<String> specs, Supplier<Ec2MetadataClient> imds,
                                                Supplier<HttpClient> http) {
        List<EgressSource> sources = new ArrayList<>();
        for (String spec : specs) {
            if (EgressIpCheckConfig.IMDS.equals(spec)) {
                sources.add(new ImdsEgressSource(imds));
            } else {
                sources.add(new EchoEgressSource(http, URI.create(spec)));
            }
        }
        return List.copyOf(sources);
    }
}
