package io.datanet.provenance.cli;

import static io.datanet.provenance.cli.CliRunner.on;
import static io.datanet.provenance.cli.CliRunner.run;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.ledger.LedgerOptions;
import io.datanet.provenance.record.CanonicalRecord;
import io.datanet.provenance.testing.SampleRecords;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input of every kind gets exit 2 and exactly one stderr line naming what is at fault (file and field,
 * reference, directory), and leaves every stored row and file of the ledger as it was.
 */
class BadInputExitsTwoAndChangesNothingTest {
    private static final String GOOD = SampleRecords.canonical(50).json();

    @TempDir
    Path tmp;
    Path dir;
    String before;

    @BeforeEach
    void ledgerWithAnUncheckpointedTail() throws Exception {
        dir = Ledgers.withRecords(tmp.resolve("ledger"), 6, 3);
        try (Ledger ledger = Ledger.open(dir, LedgerOptions.defaults().withCheckpointOnClose(false))) {
            ledger.append(SampleRecords.canonical(6)); // a proof or append could be tempted to sign: must not
        }
        before = Ledgers.snapshot(dir);
    }

    private void assertRefused(CliRunner.Result r, String... named) throws Exception {
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.errLines()).as(r.toString()).hasSize(1);
        assertThat(r.errLine()).startsWith("provenance: ").contains(named).doesNotContain("Exception", "\tat ");
        assertThat(r.out()).isEmpty();
        assertThat(Ledgers.snapshot(dir)).as("nothing stored changed").isEqualTo(before);
    }

    static Stream<Arguments> badRecords() {
        return Stream.of(
                Arguments.of("a binary float", GOOD.replace("\"parameterCount\":123456", "\"parameterCount\":1.5"),
                        "/model/parameterCount", "floating-point"),
                Arguments.of("a float in exponent form", GOOD.replace("\"members\":800", "\"members\":8e2"),
                        "/datanets/0/partitions/1/members", "floating-point"),
                Arguments.of("a duplicate key", GOOD.replace("\"model\":{", "\"model\":{\"version\":\"v0\","),
                        "version", "Duplicate"),
                Arguments.of("an integer past 2^53", GOOD.replace("\"parameterCount\":123456",
                        "\"parameterCount\":9007199254740993"), "/model/parameterCount", "2^53"),
                Arguments.of("an unknown field", GOOD.replace("\"run\":{", "\"run\":{\"gpu\":\"A100\","),
                        "/run/gpu", "unknown field"),
                Arguments.of("a missing field", GOOD.replace("\"schema\":\"io.datanet.provenance/record/v1\"", "\"x\":1")
                        .replace("\"x\":1", "").replace(",}", "}"), "/schema", "missing"),
                Arguments.of("a wrong type", GOOD.replace("\"commercial\":false", "\"commercial\":\"no\""),
                        "/policy/commercial", "true or false"),
                Arguments.of("malformed JSON", GOOD.substring(0, GOOD.length() / 2), "not valid JSON", "line 1"),
                Arguments.of("trailing garbage", GOOD + " {}", "not valid JSON", ""),
                Arguments.of("an empty file", "", "empty", ""),
                Arguments.of("a bad time", GOOD.replace("09:31:07.456Z", "09:31:07Z"), "/run", "milliseconds"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRecords")
    void appendRefusesAnInvalidRecordNamingTheFileAndField(String what, String json, String field, String problem)
            throws Exception {
        assertThat(json).as("the case changed the record").isNotEqualTo(GOOD);
        Path file = tmp.resolve("bad record.json");
        Files.writeString(file, json, UTF_8);
        assertRefused(on(dir, "append", file.toString()), file.toString(), field, problem);
    }

    @Test
    void appendFromStdinNamesStdin() throws Exception {
        CliRunner.Result r = run(Map.of(), "{\"schema\":1.0}".getBytes(UTF_8), "append", "-", "--ledger", dir.toString());
        assertRefused(r, "stdin", "/schema");
    }

    @Test
    void appendOfAMissingFileOrADirectoryIsRefused() throws Exception {
        assertRefused(on(dir, "append", tmp.resolve("nope.json").toString()), "nope.json", "no such file");
        assertRefused(on(dir, "append", tmp.toString()), tmp.toString(), "is a directory");
    }

    @Test
    void anUnknownReferenceIsRefusedByShowAndProof() throws Exception {
        assertRefused(on(dir, "show", "deadbeef00"), "deadbeef00", "no record");
        assertRefused(on(dir, "show", "model-1@v999"), "model-1@v999", "no record of model version");
        assertRefused(on(dir, "proof", "0123456789abcdef"), "0123456789abcdef", "no record");
        assertRefused(on(dir, "proof", "model-1@v999"), "model-1@v999");
        assertRefused(on(dir, "show", "DEADBEEF"), "DEADBEEF", "not a record id");
        assertRefused(on(dir, "show", "abc"), "abc", "not a record id");
    }

    @Test
    void anAmbiguousIdPrefixIsRefused() throws Exception {
        CanonicalRecord[] twins = twoRecordsSharingAnEightHexPrefix();
        try (Ledger ledger = Ledger.open(dir, LedgerOptions.defaults().withCheckpointOnClose(false))) {
            ledger.append(twins[0]);
            ledger.append(twins[1]);
        }
        before = Ledgers.snapshot(dir);
        String prefix = twins[0].idHex().substring(0, 8);
        assertRefused(on(dir, "show", prefix), prefix, "ambiguous");
        assertRefused(on(dir, "proof", prefix), prefix, "ambiguous");
        assertThat(on(dir, "show", twins[1].idHex().substring(0, 20), "--raw").stdout()).isEqualTo(twins[1].bytes());
    }

    /** Varies the run id of a canonical record until two ids share 32 bits (a birthday search, ~80k hashes). */
    private static CanonicalRecord[] twoRecordsSharingAnEightHexPrefix() {
        String template = SampleRecords.canonical(0).json();
        assertThat(template).contains("\"id\":\"run-model-0-v0\"");
        Map<Integer, Integer> seen = new HashMap<>();
        for (int n = 0; ; n++) {
            byte[] bytes = template.replace("\"id\":\"run-model-0-v0\"", "\"id\":\"run-" + n + "\"").getBytes(UTF_8);
            int key = ByteBuffer.wrap(Rfc6962Reference.sha256(bytes)).getInt();
            Integer other = seen.putIfAbsent(key, n);
            if (other != null) {
                CanonicalRecord a = CanonicalRecord.parse(template.replace("\"id\":\"run-model-0-v0\"",
                        "\"id\":\"run-" + other + "\"").getBytes(UTF_8), "twin a");
                CanonicalRecord b = CanonicalRecord.parse(bytes, "twin b");
                assertThat(a.idHex().substring(0, 8)).isEqualTo(b.idHex().substring(0, 8));
                assertThat(a.idHex()).isNotEqualTo(b.idHex());
                return new CanonicalRecord[] {a, b};
            }
        }
    }

    @Test
    void aLedgerPathThatIsAFileIsRefused() throws Exception {
        Path file = Files.writeString(tmp.resolve("not-a-dir"), "hello", UTF_8);
        Path record = Files.writeString(tmp.resolve("r.json"), GOOD, UTF_8);
        for (String[] args : new String[][] {{"log"}, {"verify"}, {"show", "model-1@v1"}, {"key"}, {"checkpoint"},
                {"append", record.toString()}, {"bundle", tmp.resolve("b").toString()}}) {
            assertRefused(on(file, args), file.toString(), "not a directory");
        }
        assertThat(Files.readString(file, UTF_8)).isEqualTo("hello");
    }

    @Test
    void anUnreadableLedgerDirectoryIsRefused() throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("---------"));
        try {
            // root reads through mode 000; the file-instead-of-directory case above covers that environment
            assumeFalse(Files.isReadable(dir) && canList(dir), "running as root: mode 000 does not block reads");
            for (String[] args : new String[][] {{"log"}, {"verify"}, {"show", "model-1@v1"}, {"key"}}) {
                CliRunner.Result r = on(dir, args);
                assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
                assertThat(r.errLines()).hasSize(1);
                assertThat(r.errLine()).contains(dir.toString());
            }
        } finally {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
        assertThat(Ledgers.snapshot(dir)).isEqualTo(before);
    }

    private static boolean canList(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isPresent();
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void aCorruptDatabaseFileIsRefusedAndLeftAlone() throws Exception {
        Path corrupt = Files.createDirectory(tmp.resolve("corrupt"));
        byte[] garbage = new byte[64 * 1024];
        new Random(7).nextBytes(garbage);
        Files.write(corrupt.resolve("ledger.db"), garbage);
        Path record = Files.writeString(tmp.resolve("r.json"), GOOD, UTF_8);
        for (String[] args : new String[][] {{"log"}, {"verify"}, {"show", "model-1@v1"}, {"key"}, {"checkpoint"},
                {"proof", "model-1@v1"}, {"append", record.toString()}, {"bundle", tmp.resolve("b").toString()}}) {
            CliRunner.Result r = on(corrupt, args);
            assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r).isEqualTo(2);
            assertThat(r.errLines()).hasSize(1);
            assertThat(r.errLine()).contains(corrupt.resolve("ledger.db").toString(), "not a ledger database");
        }
        assertThat(Files.readAllBytes(corrupt.resolve("ledger.db"))).isEqualTo(garbage);
        try (Stream<Path> files = Files.list(corrupt)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("ledger.db");
        }
        assertThat(tmp.resolve("b")).doesNotExist();
    }

    @Test
    void usageErrorsAreOneLine() throws Exception {
        assertRefused(run("frobnicate"), "unknown command 'frobnicate'");
        assertRefused(run(), "missing command");
        assertRefused(on(dir, "log", "--bogus"), "--bogus", "provenance log --help");
        assertRefused(on(dir, "show"), "REF");
        assertRefused(on(dir, "append"), "FILE");
        assertRefused(on(dir, "bundle"), "DIR");
        assertRefused(on(dir, "log", "--limit", "0"), "--limit");
        assertRefused(on(dir, "log", "--limit", "ten"), "ten");
        assertRefused(on(dir, "show", "model-1@v1", "--raw", "--json"), "--raw", "--json");
        assertRefused(on(dir, "show", "model-1@v1", "extra"), "extra");
    }

    @Test
    void verboseAddsTheStackTrace() throws Exception {
        CliRunner.Result r = on(dir, "--verbose", "show", "deadbeef00");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.errLines().get(0)).isEqualTo("provenance: deadbeef00: no record with this id in " + dir);
        assertThat(r.stderr()).contains("RecordNotFoundException", "\tat ");
    }
}
