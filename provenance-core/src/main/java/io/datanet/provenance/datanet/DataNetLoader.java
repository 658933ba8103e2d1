package io.datanet.provenance.datanet;

import com.fasterxml.jackson.databind.JsonNode;
import io.datanet.provenance.InvalidInputException;
import io.datanet.provenance.canonical.CanonicalJson;
import io.datanet.provenance.datanet.ManifestReader.Entry;
import io.datanet.provenance.datanet.ManifestReader.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a DataNet from its directory and refuses any manifest that does not tell the truth about it.
 * Cheap checks come first (syntax, duplicates, contributors, the file list, sizes), then every byte of
 * every file is hashed, then the claimed version is compared.
 */
final class DataNetLoader {
    private static final Logger LOG = LoggerFactory.getLogger(DataNetLoader.class);
    private static final String MANIFEST = Identifiers.MANIFEST;

    private final Path dir;
    private String id;

    private DataNetLoader(Path dir) {
        this.dir = dir;
    }

    static DataNet load(Path dir) {
        return new DataNetLoader(dir).load();
    }

    private DataNet load() {
        long started = System.nanoTime();
        Manifest m = readManifest();
        id = m.id();
        checkIdsAndPaths(m);
        List<Entry> entries = new ArrayList<>(m.files());
        entries.sort(Comparator.comparing(Entry::path, Identifiers.UTF8_ORDER));
        checkFileList(entries);
        List<Path> paths = entries.stream().map(e -> dir.resolve(e.path())).toList();
        ContentHasher.Content[] contents = ContentHasher.hashAll(paths, (i, content) -> {
            Entry e = entries.get(i);
            if (content.size() != e.size()) {
                throw fail(e.path(), e.pointer("size"), "the file has " + content.size()
                        + " bytes but the manifest says " + e.size());
            }
            if (e.sha256() != null && !e.sha256().equals(content.sha256())) {
                throw fail(e.path(), e.pointer("sha256"), "the file's SHA-256 is " + content.sha256()
                        + " but the manifest says " + e.sha256());
            }
        }, (i, cause) -> new InvalidDataNetException(id, dir, entries.get(i).path(), "",
                "cannot read the file: " + cause, cause));
        List<DataNetFile> files = new ArrayList<>(entries.size());
        long bytes = 0;
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            files.add(new DataNetFile(e.path(), e.size(), contents[i].sha256(), e.contributor()));
            bytes += e.size();
        }
        DataNet dataNet = new DataNet(m.id(), m.name(), m.license(), m.contributors(), files, dir);
        if (m.claimedVersion() != null && !m.claimedVersion().equals(dataNet.version())) {
            throw fail(MANIFEST, "/version", "the manifest claims version " + m.claimedVersion()
                    + " but the files hash to " + dataNet.version());
        }
        LOG.debug("datanet {}: hashed {} files, {} bytes in {} ms", dataNet.ref(), files.size(), bytes,
                (System.nanoTime() - started) / 1_000_000);
        return dataNet;
    }

    private Manifest readManifest() {
        Path file = dir.resolve(MANIFEST);
        if (!Files.isDirectory(dir)) {
            throw fail(MANIFEST, "", "not a directory: " + dir);
        }
        if (!Files.isRegularFile(file)) {
            throw fail(MANIFEST, "", "no " + MANIFEST + " in " + dir + " (write one with DataNet.writeManifest)");
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            JsonNode tree;
            try {
                tree = CanonicalJson.parseStrict(bytes, MANIFEST);
            } catch (InvalidInputException e) {
                id = peekId(bytes);
                throw e;
            }
            id = tree.path("id").isTextual() ? tree.path("id").textValue() : null;
            return ManifestReader.read(tree, MANIFEST);
        } catch (IOException e) {
            throw new InvalidDataNetException(id, dir, MANIFEST, "", "cannot read the manifest: " + e, e);
        } catch (InvalidInputException e) {
            String prefix = e.source() + (e.field().isEmpty() ? "" : ": " + e.field()) + ": ";
            String problem = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length())
                    : e.getMessage();
            throw new InvalidDataNetException(id, dir, MANIFEST, e.field(), problem, e);
        }
    }

    /** The id, if plain JSON parsing finds one, so that even a manifest refused by the profile is named. */
    private static String peekId(byte[] manifest) {
        try {
            JsonNode id = CanonicalJson.mapper().readTree(manifest).path("id");
            return id.isTextual() ? id.textValue() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private void checkIdsAndPaths(Manifest m) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < m.contributors().size(); i++) {
            if (!ids.add(m.contributors().get(i).id())) {
                throw fail(MANIFEST, "/contributors/" + i + "/id", "contributor \""
                        + m.contributors().get(i).id() + "\" is listed twice");
            }
        }
        Map<String, Entry> byPath = new HashMap<>();
        for (Entry e : m.files()) {
            Entry first = byPath.putIfAbsent(e.path(), e);
            if (first != null) {
                throw fail(e.path(), e.pointer("path"), "the file is listed twice (first at /files/"
                        + first.index() + ")");
            }
            if (!ids.contains(e.contributor())) {
                throw fail(e.path(), e.pointer("contributor"), "unknown contributor \"" + e.contributor()
                        + "\"; contributors must be listed in /contributors");
            }
        }
    }

    /** Refuses missing files, unlisted files and wrong sizes before anything is hashed. */
    private void checkFileList(List<Entry> entries) {
        SortedMap<String, Long> present;
        try {
            present = DirectoryListing.list(dir);
        } catch (IOException e) {
            throw new InvalidDataNetException(id, dir, DirectoryListing.fileAtFault(dir, e), "",
                    "cannot list the directory: " + e, e);
        }
        List<Entry> missing = entries.stream().filter(e -> !present.containsKey(e.path())).toList();
        if (!missing.isEmpty()) {
            Entry e = missing.get(0);
            throw fail(e.path(), "/files/" + e.index(), "the file is listed in the manifest but missing from the"
                    + " directory" + more(missing.size()));
        }
        Set<String> listed = new HashSet<>();
        entries.forEach(e -> listed.add(e.path()));
        List<String> extra = present.keySet().stream().filter(p -> !listed.contains(p)).toList();
        if (!extra.isEmpty()) {
            throw fail(extra.get(0), "", "the file is in the directory but not listed in the manifest"
                    + more(extra.size()));
        }
        for (Entry e : entries) {
            long actual = present.get(e.path());
            if (actual != e.size()) {
                throw fail(e.path(), e.pointer("size"), "the file has " + actual + " bytes but the manifest says "
                        + e.size());
            }
        }
    }

    private static String more(int count) {
        return count > 1 ? " (and " + (count - 1) + " more)" : "";
    }

    private InvalidDataNetException fail(String file, String field, String problem) {
        return new InvalidDataNetException(id, dir, file, field, problem, null);
    }
}
