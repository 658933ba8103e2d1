package io.datanet.provenance.run.internal;

import io.datanet.provenance.ProvenanceException;
import io.datanet.provenance.record.CanonicalRecord;
import io.datanet.provenance.run.RecordSink;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records that could not be stored, kept as their exact canonical bytes in
 * {@code <dir>/<millis>-<record id>.json} until a sink takes them. Files are written to a temporary name,
 * forced to disk, then renamed, so a spool file is either complete or absent. Draining is safe to run
 * from several processes: the ledger ignores bytes it already holds and a file deleted by another process
 * is skipped.
 */
public final class RecordSpool {
    private static final Logger LOG = LoggerFactory.getLogger(RecordSpool.class);
    private final Path dir;

    /** A spool in {@code dir}, created when first written. */
    public RecordSpool(Path dir) {
        this.dir = dir;
    }

    /** The spool directory. */
    public Path directory() {
        return dir;
    }

    /**
     * Writes a record's canonical bytes durably and returns the file.
     *
     * @throws IOException when the directory or file cannot be written
     */
    public Path write(CanonicalRecord record, long millis) throws IOException {
        Files.createDirectories(dir);
        String name = String.format("%013d-%s.json", millis, record.idHex());
        Path tmp = dir.resolve("." + name + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ch.write(java.nio.ByteBuffer.wrap(record.bytes()));
            ch.force(true);
        }
        Path file = dir.resolve(name);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    /** The spooled files, oldest first. */
    public List<Path> files() throws IOException {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "[0-9]*-*.json")) {
            stream.forEach(files::add);
        }
        files.sort(null);
        return files;
    }

    /**
     * Appends every spooled record to {@code sink} in one call, then deletes their files. A file that is not
     * a valid record is renamed to {@code .bad} and reported, never deleted.
     *
     * @return how many records were appended
     * @throws ProvenanceException when the sink fails; the files are kept for the next try
     */
    public int drainTo(RecordSink sink) {
        List<Path> files;
        try {
            files = files();
        } catch (IOException e) {
            LOG.warn("Cannot list the provenance spool {}: {}", dir, e.toString());
            return 0;
        }
        List<CanonicalRecord> records = new ArrayList<>();
        List<Path> taken = new ArrayList<>();
        for (Path f : files) {
            try {
                records.add(CanonicalRecord.ofStoredBytes(Files.readAllBytes(f), f.toString()));
                taken.add(f);
            } catch (NoSuchFileException e) {
                // drained by another process meanwhile
            } catch (IOException | ProvenanceException e) {
                LOG.error("Spooled provenance record {} cannot be read as a record ({}); renamed to .bad", f, e.toString());
                try {
                    Files.move(f, f.resolveSibling(f.getFileName() + ".bad"), StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException moveFailure) {
                    LOG.error("Cannot rename {}: {}", f, moveFailure.toString());
                }
            }
        }
        if (records.isEmpty()) {
            return 0;
        }
        sink.appendAll(records);
        for (Path f : taken) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException e) {
                LOG.warn("Appended spooled record {} but cannot delete it ({}); it will be appended again, harmlessly",
                        f, e.toString());
            }
        }
        LOG.info("Appended {} spooled provenance record(s) from {}", records.size(), dir);
        return records.size();
    }
}
