package io.credwatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code exchanges[].consumers}: the processes that use an account's key, by unit or pid file. */
class ConsumersConfigTest {

    private final ConfigLoader loader = new ConfigLoader(Map.of(), Path.of("/nonexistent/credwatch.yaml"));

    private static String account(String consumers) {
        return "exchanges:\n  - { id: bybit-main, type: bybit, credentials: { env: [[K, S]] },\n"
                + "      consumers: " + consumers + " }\n";
    }

    private ConfigException refused(String consumers) {
        return assertThrows(ConfigException.class, () -> loader.parse(account(consumers)));
    }

    @Nested
    class Accepted {

        @Test
        void noConsumersByDefault() throws Exception {
            var config = loader.parse("exchanges: [{ id: a, type: bybit, credentials: { env: [[K, S]] } }]");
            assertEquals(List.of(), config.exchanges().get(0).consumers());
        }

        @Test
        void unitsAndPidFilesInTheOrderWritten() throws Exception {
            var consumers = loader.parse(account("[{ unit: mm-bot.service }, { pidFile: /run/mm-hedger.pid }]"))
                    .exchanges().get(0).consumers();

            assertEquals(List.of(new ConsumerConfig("mm-bot.service", ""), new ConsumerConfig("", "/run/mm-hedger.pid")),
                    consumers);
            assertEquals("mm-bot.service", consumers.get(0).label());
            assertEquals("pid file /run/mm-hedger.pid", consumers.get(1).label());
        }

        @ParameterizedTest(name = "{0} is {1}")
        @CsvSource({"mm-bot, mm-bot.service", "mm-bot.service, mm-bot.service", "mm-bot@bybit, mm-bot@bybit.service",
                "mm.bot, mm.bot.service", "mm-bot\\x2dprod.service, mm-bot\\x2dprod.service"})
        void aUnitWithoutATypeIsAServiceAsSystemctlReadsIt(String written, String service) throws Exception {
            var consumer = loader.parse(account("[{ unit: '" + written + "' }]")).exchanges().get(0).consumers().get(0);

            assertEquals(service, consumer.service());
        }
    }

    @Nested
    class Refused {

        @Test
        void bothUnitAndPidFile() {
            ConfigException e = refused("[{ unit: a.service }, { unit: mm-bot, pidFile: /run/mm-bot.pid }]");

            assertEquals("exchanges[0].consumers[1]", e.path());
            assertTrue(e.getMessage().contains("both unit and pidFile; give one"), e.getMessage());
        }

        @Test
        void neitherUnitNorPidFile() {
            ConfigException e = refused("[{ unit: '' }]");

            assertEquals("exchanges[0].consumers[0]", e.path());
            assertTrue(e.getMessage().contains("neither unit nor pidFile"), e.getMessage());
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
                "mm-bot.timer | 'mm-bot.timer' is not a service and has no process of its own",
                "mm-bot.socket | 'mm-bot.socket' is not a service",
                "mm-bot@.service | 'mm-bot@.service' is a template; name the instance",
                "mm-bot@ | 'mm-bot@' is a template",
                "-H root@elsewhere | not a systemd unit name",
                "mm bot.service | not a systemd unit name",
                "../mm-bot.service | not a systemd unit name",
                ".service | not a systemd unit name"})
        void aUnitThatIsNoServiceInstance(String unit, String problem) {
            ConfigException e = refused("[{ pidFile: /run/a.pid }, { unit: '" + unit + "' }]");

            assertEquals("exchanges[0].consumers[1].unit", e.path());
            assertTrue(e.getMessage().contains(problem), e.getMessage());
        }

        @Test
        void aRelativePidFile() {
            ConfigException e = refused("[{ pidFile: run/mm-bot.pid }]");

            assertEquals("exchanges[0].consumers[0].pidFile", e.path());
            assertTrue(e.getMessage().endsWith("not an absolute path; give the full path, such as /run/mm-bot.pid"),
                    e.getMessage());
        }

        @Test
        void anUnknownKey() {
            ConfigException e = refused("[{ service: mm-bot }]");

            assertEquals("exchanges[0].consumers[0].service", e.path());
            assertTrue(e.getMessage().contains("known keys: pidFile, unit"), e.getMessage());
        }
    }
}
