package io.credwatch.secrets;

import io.credwatch.check.CheckResult;
import io.credwatch.config.Environment;
import io.credwatch.config.ExchangeAccountConfig;
import io.credwatch.config.SecretEnvironment;
import io.credwatch.config.SecretsRotationCheckConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a run may ask Secrets Manager about, decided from the names alone, before any call:
 * another environment's secret is not even described (issue 21), only refused.
 *
 * @param names    the configured names of this host's environment, in configuration order
 * @param prefix   the configured prefix, when there is one and it is not another environment's
 * @param refusals a finding for each configured name, the prefix and each enabled exchange
 *                 account's secret of another environment, in that order
 */
record RotationScope(List<String> names, Optional<String> prefix, List<CheckResult> refusals) {

    RotationScope {
        names = List.copyOf(names);
        refusals = List.copyOf(refusals);
    }

    static RotationScope of(SecretsRotationCheckConfig config, Environment environment,
                            List<ExchangeAccountConfig> accounts) {
        List<CheckResult> refusals = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (String name : config.names()) {
            Optional<SecretEnvironment.Foreign> foreign = SecretEnvironment.foreignTo(environment, name);
            foreign.ifPresent(f -> refusals.add(RotationFindings.mixed(f, "checks.secrets-rotation.names")));
            if (foreign.isEmpty()) {
                names.add(name);
            }
        }
        Optional<String> prefix = Optional.of(config.prefix()).filter(p -> !p.isBlank());
        Optional<SecretEnvironment.Foreign> prefixForeign =
                prefix.flatMap(p -> SecretEnvironment.foreignTo(environment, p));
        prefixForeign.ifPresent(f -> refusals.add(RotationFindings.mixed(f, "checks.secrets-rotation.prefix")));
        accountSecretsOfAnotherEnvironment(environment, accounts)
                .forEach((field, f) -> refusals.add(RotationFindings.mixed(f, field)));
        return new RotationScope(names, prefixForeign.isEmpty() ? prefix : Optional.empty(), refusals);
    }

    /**
     * By where each is configured ({@code exchanges[1].credentials.secretsManager}). Disabled
     * accounts are left out: credwatch neither reads nor checks them.
     */
    static Map<String, SecretEnvironment.Foreign> accountSecretsOfAnotherEnvironment(
            Environment environment, List<ExchangeAccountConfig> accounts) {
        Map<String, SecretEnvironment.Foreign> foreign = new LinkedHashMap<>();
        for (int i = 0; i < accounts.size(); i++) {
            ExchangeAccountConfig a = accounts.get(i);
            if (a.enabled()) {
                String field = "exchanges[" + i + "].credentials.secretsManager";
                SecretEnvironment.foreignTo(environment, a.credentials().secretsManager())
                        .ifPresent(f -> foreign.put(field, f));
            }
        }
        return foreign;
    }
}
