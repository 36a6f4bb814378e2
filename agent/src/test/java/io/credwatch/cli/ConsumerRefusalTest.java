package io.credwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A consumer that is no service stops every command with 78, naming the field, as systemd's restart guard expects. */
class ConsumerRefusalTest {

    @TempDir
    Path dir;

    @Test
    void aTimerAsConsumerExits78NamingTheUnitField() throws Exception {
        Path config = Files.writeString(dir.resolve("credwatch.yaml"), """
                exchanges:
                  - { id: bybit-main, type: bybit, credentials: { env: [[K, S]] },
                      consumers: [{ pidFile: /run/mm-bot.pid }, { unit: mm-bot.timer }] }
                """);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = new Main(Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).execute(new String[] {"validate", "--config",
                config.toString()});

        assertEquals(ExitCodes.CONFIG, code);
        assertEquals("credwatch: invalid configuration " + config + ": exchanges[0].consumers[1].unit: "
                + "'mm-bot.timer' is not a service and has no process of its own; name the .service that uses "
                + "the key", err.toString(StandardCharsets.UTF_8).strip());
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }
}
