package io.credwatch.egress;

import java.time.Duration;

/** Whether a public IP is an Elastic IP of this account. Asked only in the AWS execution context. */
public interface ElasticIpLookup {

    /** Never throws: a lookup that cannot tell answers {@link ElasticIpStatus.Kind#UNKNOWN} with the reason. */
    ElasticIpStatus lookup(String publicIp, Duration timeout);
}
