package io.datanet.provenance.record;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/** RFC 3339 UTC timestamps with exactly three fraction digits, the only time format in a record. */
public final class Timestamps {
    private static final Pattern SHAPE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {}

    /** Formats an instant, truncated to milliseconds, as {@code 2026-11-25T09:30:00.123Z}. */
    public static String format(Instant t) {
        return FORMAT.format(t.truncatedTo(ChronoUnit.MILLIS));
    }

    /**
     * Parses the record time format.
     *
     * @throws IllegalArgumentException when the text is not {@code yyyy-MM-ddTHH:mm:ss.SSSZ}
     */
    public static Instant parse(String text) {
        if (!SHAPE.matcher(text).matches()) {
            throw new IllegalArgumentException("expected an RFC 3339 UTC time with milliseconds such as "
                    + "2026-11-25T09:30:00.123Z, got \"" + text + "\"");
        }
        return Instant.from(FORMAT.parse(text));
    }
}
