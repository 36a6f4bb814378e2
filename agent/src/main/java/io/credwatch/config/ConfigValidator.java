package io.credwatch.config;

/**
 * The rules a parsed configuration must meet beyond its shape; the first broken one is reported.
 * Section by section, in the order the rules have always run: a file with two mistakes is
 * told of the same one as before.
 */
final class ConfigValidator {

    void validate(CredwatchConfig c) throws ConfigException {
        HttpLoggingRules.validate(c.http(), c.logging());
        CheckRules.validate(c.checks());
        ExchangeRules.validate(c.exchanges());
        AlertRules.validate(c.alerts());
    }
}
