package io.datanet.provenance.cli;

import static io.datanet.provenance.cli.CliRunner.on;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.datanet.provenance.record.CanonicalRecord;
import io.datanet.provenance.testing.SampleRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code show --raw} prints exactly the RFC 8785 bytes whose SHA-256 is the record id, whichever way the
 * record is named; {@code append} of a record in another formatting stores those same canonical bytes.
 */
class ShowRawPrintsTheCanonicalBytesTest {
    @TempDir
    Path tmp;

    @Test
    void rawBytesAreTheCanonicalBytesAndHashToTheId() {
        Path dir = Ledgers.withRecords(tmp.resolve("ledger"), 12, 5);
        for (int i = 0; i < 12; i++) {
            CanonicalRecord record = SampleRecords.canonical(i);
            for (String ref : new String[] {record.idHex(), record.idHex().substring(0, 8), "model-" + i + "@v" + i}) {
                CliRunner.Result r = on(dir, "show", ref, "--raw");
                assertThat(r.exitCode()).as(ref).isZero();
                assertThat(r.stderr()).isEmpty();
                assertThat(r.stdout()).as("exact bytes, no trailing newline").isEqualTo(record.bytes());
                assertThat(HexFormat.of().formatHex(Rfc6962Reference.sha256(r.stdout()))).isEqualTo(record.idHex());
            }
        }
    }

    @Test
    void appendOfAPrettyPrintedRecordStoresItsCanonicalBytes() throws Exception {
        CanonicalRecord record = SampleRecords.canonical(42);
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        byte[] pretty = mapper.writeValueAsBytes(mapper.readTree(record.bytes()));
        assertThat(pretty).isNotEqualTo(record.bytes());
        Path file = tmp.resolve("pretty.json");
        Files.write(file, pretty);

        Path dir = tmp.resolve("ledger");
        CliRunner.Result appended = on(dir, "append", file.toString());
        assertThat(appended.exitCode()).as(appended.toString()).isZero();
        assertThat(appended.out()).isEqualTo(record.idHex() + "\n");

        CliRunner.Result raw = on(dir, "show", "model-42@v42", "--raw");
        assertThat(raw.stdout()).isEqualTo(record.bytes());
        assertThat(HexFormat.of().formatHex(Rfc6962Reference.sha256(raw.stdout()))).isEqualTo(record.idHex());
        assertThat(Files.readAllBytes(file)).as("the input file is left alone").isEqualTo(pretty);
    }

    @Test
    void nonAsciiRecordsComeOutAsTheirUtf8Bytes() throws Exception {
        CanonicalRecord record = CanonicalRecord.of(SampleRecords.record("modèle-ü", "v1—β", null, "données"));
        Path file = tmp.resolve("r.json");
        Files.write(file, record.bytes());
        Path dir = tmp.resolve("ledger");
        assertThat(on(dir, "append", file.toString()).exitCode()).isZero();
        assertThat(on(dir, "show", "modèle-ü@v1—β", "--raw").stdout()).isEqualTo(record.bytes());
        assertThat(on(dir, "log").out()).contains("modèle-ü@v1—β", "données@");
    }
}
