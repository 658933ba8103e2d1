package io.datanet.provenance.record;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
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
        // the fields by position (the shape is fixed), each checked against its range: a day past the month's
        // last (2026-02-30) or hour 24 is refused, where a formatter's default resolver would move it to another
        // time, so the record's bytes would no longer say what the input said. Also ~10x faster, and every
        // record read parses two of these.
        try {
            return LocalDateTime.of(digits(text, 0, 4), digits(text, 5, 7), digits(text, 8, 10), digits(text, 11, 13),
                    digits(text, 14, 16), digits(text, 17, 19), digits(text, 20, 23) * 1_000_000)
                    .toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("not a valid time: \"" + text + "\" (" + e.getMessage() + ")", e);
        }
    }

    private static int digits(String text, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n = n * 10 + (text.charAt(i) - '0');
        }
        return n;
    }
}
