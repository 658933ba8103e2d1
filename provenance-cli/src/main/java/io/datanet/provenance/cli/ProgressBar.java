package io.datanet.provenance.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.LongConsumer;

/**
 * A one-line progress bar redrawn in place on a terminal's stderr, at most ten times a second, and
 * erased when done. {@link #none()} draws nothing: pipes, files and CI logs never see control characters.
 */
abstract class ProgressBar implements LongConsumer {
    private static final ProgressBar NONE = new ProgressBar() {
        @Override
        public void accept(long done) {
        }

        @Override
        void finish() {
        }
    };

    /** A bar that draws nothing. */
    static ProgressBar none() {
        return NONE;
    }

    /** A bar drawn on {@code terminal}, counting up to {@code total}. */
    static ProgressBar onTerminal(PrintStream terminal, String label, long total) {
        return new Drawn(terminal, label, total);
    }

    /** Reports that {@code done} of the total are done. */
    @Override
    public abstract void accept(long done);

    /** Erases the bar. */
    abstract void finish();

    private static final class Drawn extends ProgressBar {
        private static final int WIDTH = 30;
        private static final long INTERVAL_NANOS = 100_000_000L;
        private final PrintStream terminal;
        private final String label;
        private final long total;
        private long lastDraw = Long.MIN_VALUE;
        private int drawnLength;

        Drawn(PrintStream terminal, String label, long total) {
            this.terminal = terminal;
            this.label = label;
            this.total = Math.max(0, total);
        }

        @Override
        public void accept(long done) {
            long now = System.nanoTime();
            if (lastDraw != Long.MIN_VALUE && now - lastDraw < INTERVAL_NANOS && done < total) {
                return;
            }
            lastDraw = now;
            long shown = Math.min(done, total);
            int filled = total == 0 ? WIDTH : (int) (WIDTH * shown / total);
            long percent = total == 0 ? 100 : 100 * shown / total;
            String line = label + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + percent + "% "
                    + shown + "/" + total;
            write("\r" + line);
            drawnLength = line.length();
        }

        @Override
        void finish() {
            if (drawnLength > 0) {
                write("\r" + " ".repeat(drawnLength) + "\r");
                drawnLength = 0;
            }
        }

        private void write(String text) {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            terminal.write(bytes, 0, bytes.length);
            terminal.flush();
        }
    }
}
