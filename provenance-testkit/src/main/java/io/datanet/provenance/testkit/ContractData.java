package io.datanet.provenance.testkit;

import io.datanet.provenance.datanet.DataNet;
import io.datanet.provenance.license.LicenseTerms;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The contract's DataNets, written as real directories with manifests. Every data file is CSV without a
 * header, one sample per line: {@code f0,f1,f2,tag,label} — three features, the DataNet's {@link #tag} (also
 * a feature, so a harness can attribute every sample it feeds to its DataNet independently of the code under
 * test) and a class label in {@code 0..2}. Four features, three classes.
 */
public final class ContractData {
    /** Features per sample. */
    public static final int FEATURES = 4;
    /** Classes. */
    public static final int CLASSES = 3;
    /** MIT, two contributors, 60 samples in two files. */
    public static final String ALPHA = "alpha";
    /** CC-BY-4.0, one contributor, 40 samples. */
    public static final String BETA = "beta";
    /** CC-BY-NC-4.0 (non-commercial only), 30 samples. */
    public static final String GAMMA = "gamma";
    /** Terms of {@link #GAMMA}. */
    public static final LicenseTerms NON_COMMERCIAL =
            new LicenseTerms("CC-BY-NC-4.0", false, true, true, false, List.of("surveillance"));

    private ContractData() {}

    /** The tag column value of a DataNet of the contract. */
    public static int tag(String dataNetId) {
        return switch (dataNetId) {
            case ALPHA -> 1;
            case BETA -> 2;
            case GAMMA -> 3;
            default -> throw new IllegalArgumentException("not a contract DataNet: " + dataNetId);
        };
    }

    /** The DataNet id of a tag column value. */
    public static String idOfTag(int tag) {
        return List.of(ALPHA, BETA, GAMMA).get(tag - 1);
    }

    /** Writes and loads DataNet {@code id} under {@code parent/id}. */
    public static DataNet write(Path parent, String id) {
        Path dir = parent.resolve(id);
        return switch (id) {
            case ALPHA -> write(dir, id, LicenseTerms.permissive("MIT"), new String[] {"part-a.csv", "part-b.csv"},
                    new String[] {"ada", "lin"}, 30);
            case BETA -> write(dir, id, new LicenseTerms("CC-BY-4.0", true, true, true, false, List.of()),
                    new String[] {"data.csv"}, new String[] {"grace"}, 40);
            case GAMMA -> write(dir, id, NON_COMMERCIAL, new String[] {"data.csv"}, new String[] {"hopper"}, 30);
            default -> throw new IllegalArgumentException("not a contract DataNet: " + id);
        };
    }

    private static DataNet write(Path dir, String id, LicenseTerms terms, String[] files, String[] contributors,
                                 int rowsPerFile) {
        DataNet.Builder b = DataNet.builder(id).name("contract datanet " + id).license(terms);
        for (String c : contributors) {
            b.contributor(c, "Contributor " + c);
        }
        SplittableRandom random = new SplittableRandom(tag(id));
        for (int f = 0; f < files.length; f++) {
            StringBuilder csv = new StringBuilder();
            for (int i = 0; i < rowsPerFile; i++) {
                int label = random.nextInt(CLASSES);
                csv.append(String.format(java.util.Locale.ROOT, "%.3f,%.3f,%.3f,%d,%d%n", label + random.nextDouble(),
                        random.nextDouble() - label, random.nextDouble(), tag(id), label).replace("\r", ""));
            }
            writeFile(dir.resolve(files[f]), csv.toString());
            b.file(files[f], dir.resolve(files[f]), contributors[f % contributors.length]);
        }
        DataNet built = b.build();
        built.writeManifest(dir);
        return DataNet.load(dir);
    }

    /** Replaces one byte of a data file and rewrites the manifest: a new version of the same DataNet. */
    public static DataNet changeOneByte(DataNet dataNet) {
        Path dir = dataNet.root().orElseThrow();
        String file = dataNet.files().get(0).path();
        try {
            byte[] bytes = Files.readAllBytes(dir.resolve(file));
            bytes[2] = (byte) (bytes[2] == '1' ? '2' : '1');
            Files.write(dir.resolve(file), bytes);
            Files.delete(dir.resolve("datanet.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DataNet.Builder b = DataNet.builder(dataNet.id()).name(dataNet.name()).license(dataNet.license());
        dataNet.contributors().forEach(c -> b.contributor(c.id(), c.name()));
        dataNet.files().forEach(f -> b.file(f.path(), dir.resolve(f.path()), f.contributor()));
        b.build().writeManifest(dir);
        return DataNet.load(dir);
    }

    private static void writeFile(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
