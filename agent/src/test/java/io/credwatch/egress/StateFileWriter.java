package io.credwatch.egress;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A process that does nothing but save egress states, as fast as it can, for
 * {@link StateFileDurabilityTest} to kill at any moment. Prints the number of each save
 * once it is on disk; each state's IP encodes that number.
 */
public final class StateFileWriter {

    public static void main(String[] args) {
        EgressStateStore store = new EgressStateStore(Path.of(args[0]));
        Instant now = Instant.parse("2030-01-01T00:00:00Z");
        EgressState state = EgressState.first(ipOf(0), now);
        for (int i = 1; ; i++) {
            now = now.plusSeconds(60);
            state = state.observe(ipOf(i), now);
            if (store.save(state).isPresent()) {
                System.exit(3);
            }
            System.out.println(i);
            System.out.flush();
        }
    }

    /** 10.x.y.z holding the save's number, so what was read back says which save it was. */
    static String ipOf(int i) {
        return "10." + ((i >> 16) & 0xff) + "." + ((i >> 8) & 0xff) + "." + (i & 0xff);
    }

    static int numberOf(String ip) {
        String[] octets = ip.split("\\.");
        return (Integer.parseInt(octets[1]) << 16) | (Integer.parseInt(octets[2]) << 8) | Integer.parseInt(octets[3]);
    }
}
