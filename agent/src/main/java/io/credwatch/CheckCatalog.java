package io.credwatch;

import io.credwatch.aws.AccessKeyAge;
import io.credwatch.aws.AwsCredentialsCheck;
import io.credwatch.aws.CallerIdentityProbe;
import io.credwatch.aws.CredentialChain;
import io.credwatch.aws.InstanceMetadataPosture;
import io.credwatch.aws.KeyQuarantine;
import io.credwatch.aws.ServiceProbes;
import io.credwatch.awsclient.AwsClients;
import io.credwatch.check.Check;
import io.credwatch.config.CredwatchConfig;
import io.credwatch.config.ExchangeAccountConfig;
import io.credwatch.config.ExecutionContext;
import io.credwatch.config.LoadedConfig;
import io.credwatch.credential.AccountCredentials;
import io.credwatch.egress.AskingEgressIp;
import io.credwatch.egress.CurrentEgressIp;
import io.credwatch.egress.Ec2ElasticIpLookup;
import io.credwatch.egress.EgressIpCheck;
import io.credwatch.egress.EgressMemory;
import io.credwatch.egress.EgressSource;
import io.credwatch.egress.EgressSources;
import io.credwatch.egress.EgressStateStore;
import io.credwatch.egress.ElasticIpLookup;
import io.credwatch.exchange.ConsumerStarts;
import io.credwatch.exchange.ExchangeCheck;
import io.credwatch.exchange.ExchangeProbes;
import io.credwatch.exchange.KeyUseFindings;
import io.credwatch.exchange.SharedKeys;
import io.credwatch.net.LazyHttpClient;
import io.credwatch.secrets.PlaintextSecretsCheck;
import io.credwatch.secrets.SecretsRotationCheck;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * Which checks a configuration asks for, built on the clients the agent shares. It builds and
 * never starts anything, so a reload can build a whole new set first and throw it away when
 * any part fails.
 */
final class CheckCatalog {

    /**
     * A configuration with the checks built from it; nothing of it runs yet.
     *
     * @param egressMemory what is known of the egress IP; handed from one configuration to the
     *                     next, so a change stays one change whether or not the file took it
     */
    record Configured(LoadedConfig loaded, List<Check> checks, Optional<EgressIpCheck> egress,
                      EgressMemory egressMemory) {

        CredwatchConfig config() {
            return loaded.config();
        }
    }

    private final AwsClients aws;
    private final LazyHttpClient plainHttp;
    private final AccountCredentials credentials;
    private final ExchangeProbes exchanges;
    private final ConsumerStarts consumers;
    private final ExecutorService sourceCalls;
    private final Clock clock;

    CheckCatalog(AwsClients aws, LazyHttpClient plainHttp, AccountCredentials credentials, ExchangeProbes exchanges,
                 ConsumerStarts consumers, ExecutorService sourceCalls, Clock clock) {
        this.aws = aws;
        this.plainHttp = plainHttp;
        this.credentials = credentials;
        this.exchanges = exchanges;
        this.consumers = consumers;
        this.sourceCalls = sourceCalls;
        this.clock = clock;
    }

    /** @param kept the running configuration's egress memory, if any */
    Configured build(LoadedConfig loaded, Optional<EgressMemory> kept) {
        CredwatchConfig config = loaded.config();
        // A new memory only when the configuration moves agent.stateDir: it then reads that directory's file.
        Path stateDir = config.agent().stateDir().toAbsolutePath();
        EgressMemory egressMemory = kept.filter(m -> m.stateDir().equals(stateDir))
                .orElseGet(() -> new EgressMemory(new EgressStateStore(stateDir)));
        boolean onAws = config.agent().executionContext() == ExecutionContext.AWS;
        List<Check> checks = new ArrayList<>();
        awsCredentials(config, onAws).ifPresent(checks::add);
        var plaintext = config.checks().plaintextSecrets();
        // With no paths there is nothing to scan: an always-OK check would only be noise.
        if (plaintext.enabled() && !plaintext.paths().isEmpty()) {
            checks.add(new PlaintextSecretsCheck(plaintext));
        }
        var rotation = config.checks().secretsRotation();
        if (rotation.enabled() && SecretsRotationCheck.watches(rotation, config.agent().environment(),
                config.exchanges())) {
            checks.add(new SecretsRotationCheck(rotation, config.agent().environment(), aws.secretsManager(),
                    config.exchanges()));
        }
        var egressConfig = config.checks().egressIp();
        List<EgressSource> egressSources = EgressSources.fromConfig(egressConfig.sources(), aws.imds(), plainHttp);
        Optional<EgressIpCheck> egress = Optional.empty();
        if (egressConfig.enabled()) {
            Optional<ElasticIpLookup> elastic = onAws ? Optional.of(new Ec2ElasticIpLookup(aws.ec2())) : Optional.empty();
            egress = Optional.of(new EgressIpCheck(egressConfig, EgressIpCheck.exchangeAllowlists(config.exchanges()),
                    egressSources, elastic, egressMemory, clock, sourceCalls));
            checks.add(egress.get());
        }
        // Exchanges learn the egress IP from the check when there is one, else by asking the sources.
        CurrentEgressIp egressIp = new AskingEgressIp(egress.<CurrentEgressIp>map(e -> e).orElse(Optional::empty),
                egressSources, clock);
        // One per configuration: the accounts' keys are compared among themselves, never with a previous set's.
        SharedKeys keys = new SharedKeys();
        for (int i = 0; i < config.exchanges().size(); i++) {
            ExchangeAccountConfig account = config.exchanges().get(i);
            if (account.enabled()) {
                checks.add(new ExchangeCheck(account, "exchanges[" + i + "]",
                        credentials.resolver(account, config.agent().environment()),
                        exchanges.create(account), egressIp, onAws,
                        config.agent().environment(),
                        new KeyUseFindings(account, config.agent().environment(), keys, consumers)));
            }
        }
        return new Configured(loaded, List.copyOf(checks), egress, egressMemory);
    }

    private Optional<Check> awsCredentials(CredwatchConfig config, boolean onAws) {
        var awsConfig = config.checks().awsCredentials();
        if (!awsConfig.enabled()) {
            return Optional.empty();
        }
        return Optional.of(new AwsCredentialsCheck(awsConfig, CredentialChain.standard(),
                new CallerIdentityProbe(aws, clock), new ServiceProbes(aws, clock), new AccessKeyAge(aws, clock),
                new KeyQuarantine(aws, clock),
                onAws ? Optional.of(new InstanceMetadataPosture(aws.imds(), plainHttp)) : Optional.empty()));
    }
}
