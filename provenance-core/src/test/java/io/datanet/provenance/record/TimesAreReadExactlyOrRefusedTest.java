package io.datanet.provenance.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datanet.provenance.InvalidInputException;
import io.datanet.provenance.testing.SampleRecords;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A record's times read back as exactly the instant they name, or are refused: a time that does not exist is never
 * moved to another one (which would make the stored bytes say something the input did not).
 */
class TimesAreReadExactlyOrRefusedTest {

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-25T09:30:00.123Z", "2028-02-29T23:59:59.999Z", "1970-01-01T00:00:00.000Z",
            "0001-01-01T00:00:00.000Z", "9999-12-31T23:59:59.999Z", "2026-04-30T12:00:00.001Z"})
    void anExistingTimeReadsAsThatInstantAndFormatsBackToTheSameText(String text) {
        Instant t = Timestamps.parse(text);
        assertThat(t).isEqualTo(Instant.parse(text));
        assertThat(Timestamps.format(t)).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30T00:00:00.000Z", "2026-02-29T00:00:00.000Z", "2026-04-31T00:00:00.000Z",
            "2026-01-01T24:00:00.000Z", "2026-01-01T23:60:00.000Z", "2026-01-01T23:59:60.000Z",
            "2026-13-01T00:00:00.000Z", "2026-00-10T00:00:00.000Z", "2026-01-00T00:00:00.000Z"})
    void aTimeThatDoesNotExistIsRefused(String text) {
        assertThatThrownBy(() -> Timestamps.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-25T09:30:00Z", "2026-11-25T09:30:00.123+00:00", "2026-11-25 09:30:00.123Z",
            "2026-11-25T09:30:00.1234Z", "2026-11-25t09:30:00.123z", "+2026-11-25T09:30:00.123Z",
            "2026-11-25T09:30:00.\u0661\u0662\u0663Z"})
    void anyOtherShapeIsRefused(String text) {
        assertThatThrownBy(() -> Timestamps.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RFC 3339");
    }

    @Test
    void aRecordStartedOnTheThirtiethOfFebruaryIsRefusedNamingTheField() {
        String json = new String(SampleRecords.canonical(0).bytes(), StandardCharsets.UTF_8);
        String started = json.replaceFirst("\"startedAt\":\"\\d{4}-\\d{2}-\\d{2}", "\"startedAt\":\"2026-02-30");
        assertThat(started).isNotEqualTo(json);
        assertThatThrownBy(() -> CanonicalRecord.parse(started.getBytes(StandardCharsets.UTF_8), "run.json"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("startedAt")
                .hasMessageContaining("2026-02-30");
    }
}
