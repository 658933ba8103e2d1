package io.datanet.provenance.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

/** The progress bar redraws one line in place and erases it; the non-terminal bar writes nothing. */
class ProgressBarDrawsOnlyOnATerminalTest {
    @Test
    void drawsInPlaceAndErasesItself() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressBar bar = ProgressBar.onTerminal(new PrintStream(bytes, true, UTF_8), "verify", 200);
        bar.accept(0);
        bar.accept(1); // within 100 ms of the last draw: skipped
        bar.accept(200); // the end is always drawn
        bar.finish();
        String drawn = bytes.toString(UTF_8);
        assertThat(drawn).doesNotContain("\n");
        assertThat(drawn).contains("\rverify [" + " ".repeat(30) + "] 0% 0/200",
                "\rverify [" + "#".repeat(30) + "] 100% 200/200");
        assertThat(drawn).doesNotContain("1/200");
        assertThat(drawn).endsWith("\r" + " ".repeat("verify [] 100% 200/200".length() + 30) + "\r");
    }

    @Test
    void theNoneBarWritesNothing() {
        ProgressBar none = ProgressBar.none();
        none.accept(5);
        none.finish();
        assertThat(CliRunner.run("verify", "--ledger", "/nonexistent/ledger").stderr()).doesNotContain("\r");
    }
}
