package io.credwatch.logging;

import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;

/**
 * The built-in console appender's encoder: {@link LogLayout}'s lines, or logback's own
 * {@link JsonEncoder}, one object a line, for log shippers (CloudWatch, Loki). The format can
 * change while the daemon runs (a reload of {@code logging.format}); each event is written whole
 * in one format or the other, never lost or doubled, since the appender itself stays.
 */
final class ConsoleEncoder extends EncoderBase<ILoggingEvent> {

    private final boolean journald;
    private final LogLayout text;
    private final JsonEncoder json = new JsonEncoder();
    private volatile boolean jsonLines;

    ConsoleEncoder(boolean journald) {
        this.journald = journald;
        this.text = new LogLayout(journald);
    }

    @Override
    public void start() {
        text.setContext(getContext());
        text.start();
        json.setContext(getContext());
        // What a log search needs, once: the formatted message rather than its pattern and
        // arguments; no sequence numbers, nanoseconds or context properties credwatch never sets.
        json.setWithSequenceNumber(false);
        json.setWithNanoseconds(false);
        json.setWithContext(false);
        json.setWithMessage(false);
        json.setWithArguments(false);
        json.setWithFormattedMessage(true);
        json.start();
        super.start();
    }

    /** {@code true}: JSON lines from now on; {@code false}: the text layout. */
    void useJson(boolean json) {
        jsonLines = json;
    }

    boolean json() {
        return jsonLines;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        if (!jsonLines) {
            return text.doLayout(event).getBytes(StandardCharsets.UTF_8);
        }
        byte[] line = json.encode(event);
        if (!journald) {
            return line;
        }
        // journald takes the priority from the prefix and strips it: the entry's MESSAGE is the JSON alone.
        byte[] prefix = ("<" + LogLayout.priority(event.getLevel()) + ">").getBytes(StandardCharsets.US_ASCII);
        byte[] prefixed = new byte[prefix.length + line.length];
        System.arraycopy(prefix, 0, prefixed, 0, prefix.length);
        System.arraycopy(line, 0, prefixed, prefix.length, line.length);
        return prefixed;
    }

    @Override
    public byte[] headerBytes() {
        return null;
    }

    @Override
    public byte[] footerBytes() {
        return null;
    }
}
