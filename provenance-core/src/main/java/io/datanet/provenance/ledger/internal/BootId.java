package io.datanet.provenance.ledger.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Which boot of the operating system this process runs in: Linux's {@code /proc/sys/kernel/random/boot_id}, a
 * random UUID the kernel draws at every boot. Writes that were not synced survive a process crash (they are in
 * the kernel's page cache) but not an OS crash or power loss, which always ends the boot; so "written unsynced in
 * this boot" means "still readable as written". Null where the file does not exist (other systems): the index
 * file is then synced at its checkpoints as before ({@link IndexFile}).
 */
final class BootId {
    private static final Path FILE = Path.of("/proc/sys/kernel/random/boot_id");
    /** Where the boot id comes from; tests replace it to play a restart of the machine. */
    static volatile Supplier<String> source = BootId::read;

    private BootId() {}

    /** This boot's id, or null when the system does not say. */
    static String current() {
        return source.get();
    }

    private static String read() {
        try {
            String id = Files.readString(FILE, StandardCharsets.US_ASCII).trim();
            return id.isEmpty() ? null : id;
        } catch (IOException | SecurityException e) {
            return null;
        }
    }
}
