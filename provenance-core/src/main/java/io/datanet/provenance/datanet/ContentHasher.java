package io.datanet.provenance.datanet;

import io.datanet.provenance.Digest;
import io.datanet.provenance.ProvenanceException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hashes every byte of many files, streaming each through one 64 KiB buffer per worker, on a small
 * fixed pool of workers (at most four, never more than the cores or the files). Memory is bounded by
 * the worker count, whatever the file sizes.
 */
final class ContentHasher {
    static final int BUFFER_SIZE = 64 * 1024;
    private static final int MAX_WORKERS = 4;
    private static final AtomicInteger THREADS = new AtomicInteger();

    /** The size and SHA-256 of one file's full content. */
    record Content(long size, Digest sha256) {}

    /** Checks one hashed file in the worker that hashed it; throws to refuse it. */
    @FunctionalInterface
    interface Check {
        void accept(int index, Content content);
    }

    /** Turns a read failure of file {@code index} into the exception to throw. */
    @FunctionalInterface
    interface Unreadable {
        RuntimeException of(int index, IOException cause);
    }

    private ContentHasher() {}

    /**
     * Hashes {@code files}, checking each as it is done; returns the contents in input order. Files are
     * taken in input order, and after the first refusal no new file is started, so the refusal thrown is
     * always the one of the lowest refused index.
     */
    static Content[] hashAll(List<Path> files, Check check, Unreadable unreadable) {
        int n = files.size();
        Content[] out = new Content[n];
        ConcurrentSkipListMap<Integer, RuntimeException> failures = new ConcurrentSkipListMap<>();
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            byte[] buffer = new byte[BUFFER_SIZE];
            MessageDigest sha256 = Digest.newSha256();
            int i;
            while (failures.isEmpty() && (i = next.getAndIncrement()) < n) {
                try {
                    out[i] = hash(files.get(i), buffer, sha256);
                    check.accept(i, out[i]);
                } catch (IOException e) {
                    failures.put(i, unreadable.of(i, e));
                } catch (RuntimeException e) {
                    failures.put(i, e);
                }
            }
        };
        int workers = Math.min(n, Math.min(MAX_WORKERS, Runtime.getRuntime().availableProcessors()));
        if (workers <= 1) {
            worker.run();
        } else {
            runInPool(worker, workers);
        }
        if (!failures.isEmpty()) {
            throw failures.firstEntry().getValue();
        }
        return out;
    }

    /** The size and SHA-256 of every byte of {@code file}. */
    static Content hash(Path file, byte[] buffer, MessageDigest sha256) throws IOException {
        sha256.reset();
        long size = 0;
        try (InputStream in = Files.newInputStream(file)) {
            int read;
            while ((read = in.read(buffer)) != -1) {
                sha256.update(buffer, 0, read);
                size += read;
            }
        }
        return new Content(size, Digest.finish(sha256));
    }

    private static void runInPool(Runnable worker, int workers) {
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "datanet-hash-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> running = new ArrayList<>(workers);
            for (int w = 0; w < workers; w++) {
                running.add(pool.submit(worker));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvenanceException("interrupted while hashing DataNet files", e);
        } catch (ExecutionException e) {
            // Workers catch every RuntimeException, so only an Error (out of memory, ...) gets here.
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("a hashing worker failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
