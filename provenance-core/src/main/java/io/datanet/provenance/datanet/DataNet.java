package io.datanet.provenance.datanet;

import io.datanet.provenance.Digest;
import io.datanet.provenance.ProvenanceException;
import io.datanet.provenance.license.LicenseTerms;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A DataNet: a versioned, community-contributed dataset with its contributors and licence terms.
 *
 * <p>Its {@link #version()} is a SHA-256 Merkle root over every file's path, size, full-content
 * SHA-256 and contributor, computed as {@link #hashing()} describes, so one changed byte, a renamed file
 * or a reattributed file gives a new version. A DataNet comes from a directory ({@link #load(Path)},
 * which hashes every byte and refuses a manifest that lies) or from code ({@link #builder(String)}).
 *
 * <p>The manifest, {@code datanet.json} at the top of the directory, is RFC 8259 JSON without binary
 * floats, duplicate keys or unknown fields (see {@code docs/datanet-manifest.md}):
 * <pre>{@code
 * {"schema": "io.datanet.provenance/datanet/v1", "id": "wiki-en", "name": "English Wikipedia sample",
 *  "license": {"spdx": "CC-BY-SA-4.0", "commercialUse": true, "derivativeModels": true,
 *              "attribution": true, "shareAlike": true, "prohibitedUses": ["surveillance"]},
 *  "contributors": [{"id": "ada", "name": "Ada Lovelace"}],
 *  "files": [{"path": "text/a.txt", "size": 12, "sha256": "sha256:<64 hex>", "contributor": "ada"}],
 *  "hashing": {"algorithm": "sha256", "tree": "rfc6962",
 *              "leaf": "rfc8785:{contributor,path,sha256,size}", "order": "path-utf8-bytes"},
 *  "version": "sha256:<64 hex>"}
 * }</pre>
 * Per file {@code sha256} and the top-level {@code version} are optional claims, checked when present.
 *
 * <p>Instances are immutable and thread-safe. Two DataNets are equal when everything but
 * {@link #root()} is equal.
 */
public final class DataNet {
    private final String id;
    private final String name;
    private final LicenseTerms license;
    private final List<Contributor> contributors;
    private final List<DataNetFile> files;
    private final Map<String, DataNetFile> byPath;
    private final Path root;
    private final Digest version;

    DataNet(String id, String name, LicenseTerms license, List<Contributor> contributors, List<DataNetFile> files,
            Path root) {
        this.id = Identifiers.checkDataNetId(id);
        Identifiers.checkText("datanet " + id + " name", name);
        this.name = name;
        this.license = Objects.requireNonNull(license, () -> "datanet " + id + " has no licence");
        this.contributors = contributors.stream()
                .sorted(Comparator.comparing(Contributor::id, Identifiers.UTF8_ORDER)).toList();
        this.files = files.stream().sorted(Comparator.comparing(DataNetFile::path, Identifiers.UTF8_ORDER)).toList();
        this.root = root;
        Map<String, Contributor> known = new HashMap<>();
        for (Contributor c : this.contributors) {
            if (known.put(c.id(), c) != null) {
                throw new IllegalArgumentException("datanet " + id + " lists contributor " + c.id() + " twice");
            }
        }
        Map<String, DataNetFile> paths = new HashMap<>();
        for (DataNetFile f : this.files) {
            if (paths.put(f.path(), f) != null) {
                throw new IllegalArgumentException("datanet " + id + " lists file " + f.path() + " twice");
            }
            if (!known.containsKey(f.contributor())) {
                throw new IllegalArgumentException("datanet " + id + " file " + f.path()
                        + " names unknown contributor " + f.contributor());
            }
        }
        if (this.files.isEmpty()) {
            throw new IllegalArgumentException("datanet " + id + " has no files; an empty DataNet has no version");
        }
        this.byPath = paths;
        this.version = VersionTree.root(this.files);
    }

    /**
     * Loads the DataNet in {@code dir} from its {@code datanet.json}, hashing every byte of every file
     * (streamed, several files at a time) and checking the manifest against the directory.
     *
     * @throws InvalidDataNetException naming the DataNet, file and manifest field when the directory has no
     *         manifest, the manifest is malformed or has unknown fields or parameters, or it lies: a listed
     *         file is missing, a file in the directory (other than {@code datanet.json} and hidden files)
     *         is not listed, a path is listed twice, a contributor is unknown, or a size, a SHA-256 or the
     *         claimed version does not match the content
     */
    public static DataNet load(Path dir) {
        return DataNetLoader.load(Objects.requireNonNull(dir, "dir"));
    }

    /**
     * A builder for a DataNet defined in code.
     *
     * @throws IllegalArgumentException if {@code id} is not a valid DataNet id (a letter or digit, then
     *         letters, digits, '.', '_', '-' or '/'; at most 200 characters)
     */
    public static Builder builder(String id) {
        return new Builder(Identifiers.checkDataNetId(id));
    }

    /** The id: stable across versions, e.g. {@code wiki-en}. */
    public String id() {
        return id;
    }

    /** The human-readable name. */
    public String name() {
        return name;
    }

    /** The licence and usage terms. */
    public LicenseTerms license() {
        return license;
    }

    /** The contributors, sorted by id (UTF-8 byte order); some may have contributed no file. */
    public List<Contributor> contributors() {
        return contributors;
    }

    /** The files, never empty, sorted by path in UTF-8 byte order (the order of the version's leaves). */
    public List<DataNetFile> files() {
        return files;
    }

    /** The version: the Merkle root over {@link #files()} as {@link #hashing()} describes. */
    public Digest version() {
        return version;
    }

    /** How {@link #version()} is computed; always {@link HashingParameters#V1} in this release. */
    public HashingParameters hashing() {
        return HashingParameters.V1;
    }

    /** The directory this DataNet was loaded from; empty for a DataNet built in code. */
    public Optional<Path> root() {
        return Optional.ofNullable(root);
    }

    /** The file at {@code path} (DataNet-relative, '/'-separated), if this DataNet has one. */
    public Optional<DataNetFile> file(String path) {
        return Optional.ofNullable(byPath.get(path));
    }

    /** Total bytes per contributor id, in {@link #contributors()} order; 0 for a contributor without files. */
    public Map<String, Long> bytesByContributor() {
        Map<String, Long> bytes = new LinkedHashMap<>();
        contributors.forEach(c -> bytes.put(c.id(), 0L));
        files.forEach(f -> bytes.merge(f.contributor(), f.size(), Long::sum));
        return Collections.unmodifiableMap(bytes);
    }

    /** A short reference for people: the id, '@', the first 12 hex of the version, e.g. {@code wiki@3f2a9c0b1d4e}. */
    public String ref() {
        return id + "@" + version.hex().substring(0, 12);
    }

    /**
     * The {@code datanet.json} text describing {@code dataNet}, with every size, SHA-256 and the version
     * filled in: stable field order, two-space indentation, '\n' line ends, a final line feed, UTF-8.
     */
    public static String manifestJson(DataNet dataNet) {
        return ManifestWriter.write(Objects.requireNonNull(dataNet, "dataNet"));
    }

    /**
     * Writes {@link #manifestJson(DataNet)} to {@code dir/datanet.json}, replacing it atomically where the
     * file system allows. Only the manifest is written: the files must be in {@code dir} at their paths
     * for {@link #load(Path)} to accept it.
     *
     * @throws ProvenanceException naming the DataNet and directory when the manifest cannot be written
     */
    public void writeManifest(Path dir) {
        ManifestWriter.writeTo(this, Objects.requireNonNull(dir, "dir"));
    }

    /** Equal when id, name, licence, contributors and files (hence version) are equal; the root is ignored. */
    @Override
    public boolean equals(Object o) {
        return o instanceof DataNet d && id.equals(d.id) && name.equals(d.name) && license.equals(d.license)
                && contributors.equals(d.contributors) && files.equals(d.files);
    }

    /** A hash of the id and version, consistent with {@link #equals(Object)}. */
    @Override
    public int hashCode() {
        return Objects.hash(id, version);
    }

    /** The {@link #ref()}, the file count and the total size. */
    @Override
    public String toString() {
        return ref() + " (" + files.size() + " files, " + files.stream().mapToLong(DataNetFile::size).sum() + " bytes)";
    }

    /**
     * Builds a DataNet defined in code. A {@linkplain #license(LicenseTerms) licence} and at least one
     * file are required, and every file's contributor must be added; the name defaults to the id. Files
     * given as bytes are hashed when added, files on disk when {@link #build()} runs. Not thread-safe.
     */
    public static final class Builder {
        private final String id;
        private String name;
        private LicenseTerms license;
        private final Map<String, Contributor> contributors = new LinkedHashMap<>();
        private final Map<String, Source> files = new LinkedHashMap<>();

        /** A file's contributor and either its hashed content or the path to hash at build time. */
        private record Source(String contributor, long size, Digest sha256, Path onDisk) {}

        private Builder(String id) {
            this.id = id;
        }

        /** Sets the human-readable name (non-blank). */
        public Builder name(String name) {
            Identifiers.checkText("datanet " + id + " name", name);
            this.name = name;
            return this;
        }

        /** Sets the licence and usage terms (required). */
        public Builder license(LicenseTerms license) {
            this.license = Objects.requireNonNull(license, "license");
            return this;
        }

        /**
         * Adds a contributor.
         *
         * @throws IllegalArgumentException if the id or name is blank or malformed, or the id was already added
         */
        public Builder contributor(String id, String name) {
            Contributor c = new Contributor(id, name);
            if (contributors.putIfAbsent(id, c) != null) {
                throw new IllegalArgumentException("datanet " + this.id + ": contributor " + id + " added twice");
            }
            return this;
        }

        /**
         * Adds a file with the given content, hashed now; the bytes are not kept.
         *
         * @throws IllegalArgumentException if the path is not normalized (see {@link DataNetFile}) or was already added
         */
        public Builder file(String path, byte[] content, String contributorId) {
            Objects.requireNonNull(content, "content");
            return add(path, new Source(contributorId, content.length, Digest.sha256(content), null));
        }

        /**
         * Adds a file whose content is read, every byte, from {@code onDisk} when {@link #build()} runs.
         *
         * @throws IllegalArgumentException if the path is not normalized (see {@link DataNetFile}) or was already added
         */
        public Builder file(String path, Path onDisk, String contributorId) {
            Objects.requireNonNull(onDisk, "onDisk");
            return add(path, new Source(contributorId, -1, null, onDisk));
        }

        /**
         * Adds every file under {@code dir} (what {@link DataNet#load(Path)} would expect listed: all regular
         * files except {@code datanet.json} at the top and hidden files), all by one contributor.
         *
         * @throws InvalidDataNetException naming the file when the directory cannot be listed
         * @throws IllegalArgumentException if a path was already added
         */
        public Builder filesIn(Path dir, String contributorId) {
            try {
                for (String path : DirectoryListing.list(dir).keySet()) {
                    file(path, dir.resolve(path), contributorId);
                }
            } catch (java.io.IOException e) {
                throw new InvalidDataNetException(id, dir, DirectoryListing.fileAtFault(dir, e), "",
                        "cannot list the directory: " + e, e);
            }
            return this;
        }

        private Builder add(String path, Source source) {
            String problem = Identifiers.pathProblem(path);
            if (problem != null) {
                throw new IllegalArgumentException("datanet " + id + ": " + problem);
            }
            Objects.requireNonNull(source.contributor(), "contributorId");
            if (files.putIfAbsent(path, source) != null) {
                throw new IllegalArgumentException("datanet " + id + ": file " + path + " added twice");
            }
            return this;
        }

        /**
         * Hashes the files on disk and builds the DataNet.
         *
         * @throws IllegalStateException   if there is no licence or no file, or a file names a contributor
         *                                 that was not added
         * @throws InvalidDataNetException naming the file when a file on disk cannot be read
         */
        public DataNet build() {
            if (license == null) {
                throw new IllegalStateException("datanet " + id + " has no licence; call license(..)");
            }
            if (files.isEmpty()) {
                throw new IllegalStateException("datanet " + id + " has no files; an empty DataNet has no version");
            }
            List<String> paths = List.copyOf(files.keySet());
            for (String path : paths) {
                if (!contributors.containsKey(files.get(path).contributor())) {
                    throw new IllegalStateException("datanet " + id + ": file " + path + " names contributor "
                            + files.get(path).contributor() + ", which was not added with contributor(..)");
                }
            }
            List<String> onDisk = paths.stream().filter(p -> files.get(p).onDisk() != null).toList();
            ContentHasher.Content[] hashed = ContentHasher.hashAll(
                    onDisk.stream().map(p -> files.get(p).onDisk()).toList(), (i, c) -> { },
                    (i, e) -> new InvalidDataNetException(id, null, onDisk.get(i), "",
                            "cannot read " + files.get(onDisk.get(i)).onDisk() + ": " + e, e));
            Map<String, ContentHasher.Content> contents = new HashMap<>();
            for (int i = 0; i < hashed.length; i++) {
                contents.put(onDisk.get(i), hashed[i]);
            }
            List<DataNetFile> built = paths.stream().map(p -> {
                Source s = files.get(p);
                ContentHasher.Content c = contents.get(p);
                return c == null ? new DataNetFile(p, s.size(), s.sha256(), s.contributor())
                        : new DataNetFile(p, c.size(), c.sha256(), s.contributor());
            }).toList();
            return new DataNet(id, name == null ? id : name, license, List.copyOf(contributors.values()), built, null);
        }
    }
}
