package io.datanet.provenance.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where benchmarks keep their files: {@code -Dbenchmarks.dir} (run.sh passes {@code benchmarks/target}), so
 * ledgers live on the same disk in every run and never in the source tree.
 */
final class WorkDirectory {
    private WorkDirectory() {}

    /** The base directory, created if needed. */
    static Path base() {
        Path base = Path.of(System.getProperty("benchmarks.dir", "benchmarks/target")).toAbsolutePath();
        try {
            return Files.createDirectories(base);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + base, e);
        }
    }

    /** A new empty directory under the base, for one benchmark trial. */
    static Path fresh(String prefix) {
        try {
            return Files.createTempDirectory(base(), prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory under " + base(), e);
        }
    }

    /** Deletes a directory tree. */
    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
