package io.datanet.provenance.datanet;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The files that make up a DataNet directory: every regular file below it, symbolic links followed,
 * except {@code datanet.json} at the top and anything hidden (a file or directory whose name starts
 * with '.', such as {@code .git}).
 */
final class DirectoryListing {
    private DirectoryListing() {}

    /**
     * The DataNet-relative, '/'-separated paths of the directory's files with their sizes, in UTF-8
     * path order.
     *
     * @throws FileSystemException naming the file when an entry cannot be read, is part of a link loop or
     *                             is neither a regular file nor a directory (a FIFO, a socket, a device)
     * @throws IOException         when the directory cannot be walked
     */
    static SortedMap<String, Long> list(Path root) throws IOException {
        SortedMap<String, Long> files = new TreeMap<>(Identifiers.UTF8_ORDER);
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        return !dir.equals(root) && isHidden(dir) ? FileVisitResult.SKIP_SUBTREE
                                : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        if (isHidden(file)) {
                            return FileVisitResult.CONTINUE;
                        }
                        String path = relative(root, file);
                        if (path.equals(Identifiers.MANIFEST)) {
                            return FileVisitResult.CONTINUE;
                        }
                        if (!attrs.isRegularFile()) {
                            throw new FileSystemException(file.toString(), null,
                                    "neither a regular file nor a directory");
                        }
                        files.put(path, attrs.size());
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                        if (isHidden(file)) {
                            return FileVisitResult.CONTINUE;
                        }
                        throw e;
                    }
                });
        return files;
    }

    /** The '/'-separated path of {@code file} relative to {@code root}. */
    static String relative(Path root, Path file) {
        StringBuilder path = new StringBuilder();
        for (Path name : root.relativize(file)) {
            if (path.length() > 0) {
                path.append('/');
            }
            path.append(name);
        }
        return path.toString();
    }

    /** The DataNet-relative path of the file an I/O failure names, or "." when it names none. */
    static String fileAtFault(Path root, IOException e) {
        if (e instanceof FileSystemException f && f.getFile() != null) {
            Path file = Path.of(f.getFile());
            return file.startsWith(root) && !file.equals(root) ? relative(root, file) : file.toString();
        }
        return ".";
    }

    private static boolean isHidden(Path entry) {
        Path name = entry.getFileName();
        return name != null && name.toString().startsWith(".");
    }
}
