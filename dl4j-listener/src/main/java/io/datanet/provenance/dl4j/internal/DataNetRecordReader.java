package io.datanet.provenance.dl4j.internal;

import io.datanet.provenance.InvalidInputException;
import io.datanet.provenance.datanet.DataNet;
import io.datanet.provenance.record.PartitionInfo;
import io.datanet.provenance.split.DataNetSplit;
import io.datanet.provenance.split.PartitionMembership;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import org.datavec.api.conf.Configuration;
import org.datavec.api.records.Record;
import org.datavec.api.records.listener.RecordListener;
import org.datavec.api.records.metadata.RecordMetaData;
import org.datavec.api.records.reader.RecordReader;
import org.datavec.api.split.FileSplit;
import org.datavec.api.split.InputSplit;
import org.datavec.api.writable.Writable;

/**
 * A DataVec {@link RecordReader} over one partition of a DataNet: it reads the DataNet's data files in path
 * order, each with a fresh reader from the user's supplier (e.g. {@code CSVRecordReader}), and returns only
 * the records whose key — {@code <file path>:<record index in that file>} — the split puts in the partition.
 * It streams: one file and one record are held at a time.
 */
public final class DataNetRecordReader implements RecordReader {
    private static final long serialVersionUID = 1L;
    private final DataNet dataNet;
    private final Path root;
    private final List<String> files;
    private final transient Supplier<RecordReader> readers;
    private final DataNetSplit split;
    private final int partition;
    private transient RecordReader current;
    private int fileIndex = -1;
    private long ordinal;
    private transient Record pending;
    private Configuration conf;
    private List<String> labels;

    /**
     * Reads partition {@code partition} of {@code dataNet}'s files {@code files} (DataNet-relative paths, in
     * order) under {@code root}.
     */
    public DataNetRecordReader(DataNet dataNet, Path root, List<String> files, Supplier<RecordReader> readers,
                               DataNetSplit split, String partition) {
        this.dataNet = dataNet;
        this.root = root;
        this.files = List.copyOf(files);
        this.readers = readers;
        this.split = split;
        this.partition = split.partitions().indexOf(partition);
        if (this.partition < 0) {
            throw new IllegalArgumentException("the split has no partition " + partition + "; it has " + split.partitions());
        }
    }

    /**
     * One pass over every record of the DataNet's files, tallying the split: members and membership digest per
     * partition, as recorded.
     */
    public static List<PartitionInfo> membership(DataNet dataNet, Path root, List<String> files,
                                                 Supplier<RecordReader> readers, DataNetSplit split) {
        PartitionMembership tally = split.membership();
        for (String file : files) {
            try (RecordReader r = open(dataNet, root, file, readers)) {
                long i = 0;
                while (r.hasNext()) {
                    r.next();
                    tally.accept(file + ":" + i++);
                }
            } catch (IOException e) {
                throw new InvalidInputException("datanet " + dataNet.id(), "cannot read " + file + ": " + e, e);
            }
        }
        return tally.finish();
    }

    private static RecordReader open(DataNet dataNet, Path root, String file, Supplier<RecordReader> readers) {
        RecordReader r = readers.get();
        try {
            r.initialize(new FileSplit(root.resolve(file).toFile()));
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new InvalidInputException("datanet " + dataNet.id(), "cannot open " + file + " with "
                    + r.getClass().getSimpleName() + ": " + e, e);
        }
        return r;
    }

    @Override
    public boolean hasNext() {
        while (pending == null) {
            if (current != null && current.hasNext()) {
                Record r = current.nextRecord();
                if (split.indexOf(files.get(fileIndex) + ":" + ordinal++) == partition) {
                    pending = r;
                }
            } else if (!nextFile()) {
                return false;
            }
        }
        return true;
    }

    private boolean nextFile() {
        closeCurrent();
        if (fileIndex + 1 >= files.size()) {
            return false;
        }
        fileIndex++;
        ordinal = 0;
        current = open(dataNet, root, files.get(fileIndex), readers);
        if (labels == null) {
            labels = current.getLabels();
        }
        return true;
    }

    @Override
    public Record nextRecord() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more records in datanet " + dataNet.id() + " partition "
                    + split.partitions().get(partition));
        }
        Record r = pending;
        pending = null;
        return r;
    }

    @Override
    public List<Writable> next() {
        return nextRecord().getRecord();
    }

    @Override
    public void reset() {
        closeCurrent();
        fileIndex = -1;
        ordinal = 0;
        pending = null;
    }

    private void closeCurrent() {
        if (current != null) {
            try {
                current.close();
            } catch (IOException ignored) {
                // a reader that cannot close has nothing left for us
            }
            current = null;
        }
    }

    @Override
    public void close() {
        reset();
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean batchesSupported() {
        return false;
    }

    @Override
    public List<List<Writable>> next(int num) {
        throw new UnsupportedOperationException("batches are not supported; use next()");
    }

    @Override
    public List<String> getLabels() {
        return labels;
    }

    @Override
    public void initialize(InputSplit split) {
        // the DataNet is the input: nothing to initialize
    }

    @Override
    public void initialize(Configuration conf, InputSplit split) {
        this.conf = conf;
    }

    @Override
    public List<Writable> record(URI uri, DataInputStream dataInputStream) {
        throw new UnsupportedOperationException("records come from the DataNet's files");
    }

    @Override
    public Record loadFromMetaData(RecordMetaData recordMetaData) {
        throw new UnsupportedOperationException("loading from metadata is not supported");
    }

    @Override
    public List<Record> loadFromMetaData(List<RecordMetaData> recordMetaDatas) {
        throw new UnsupportedOperationException("loading from metadata is not supported");
    }

    @Override
    public List<RecordListener> getListeners() {
        return List.of();
    }

    @Override
    public void setListeners(RecordListener... listeners) {
        // record listeners are not supported
    }

    @Override
    public void setListeners(Collection<RecordListener> listeners) {
        // record listeners are not supported
    }

    @Override
    public void setConf(Configuration conf) {
        this.conf = conf;
    }

    @Override
    public Configuration getConf() {
        return conf;
    }
}
