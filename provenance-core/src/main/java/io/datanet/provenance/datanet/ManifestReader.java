package io.datanet.provenance.datanet;

import com.fasterxml.jackson.databind.JsonNode;
import io.datanet.provenance.Digest;
import io.datanet.provenance.InvalidInputException;
import io.datanet.provenance.canonical.internal.StrictObject;
import io.datanet.provenance.license.LicenseTerms;
import java.util.List;

/**
 * Reads a {@code datanet.json} tree strictly: every field typed, every unknown field refused, every
 * error naming its JSON Pointer. Checks only what one field shows; the checks across fields and against
 * the directory are {@link DataNetLoader}'s.
 */
final class ManifestReader {
    /** The schema of the manifest format this version reads and writes. */
    static final String SCHEMA = "io.datanet.provenance/datanet/v1";

    /** A manifest as written, before it is checked against its directory. */
    record Manifest(String id, String name, LicenseTerms license, List<Contributor> contributors,
                    List<Entry> files, HashingParameters hashing, Digest claimedVersion) {}

    /** One entry of {@code files}, at index {@code index}; {@code sha256} is null when not given. */
    record Entry(int index, String path, long size, Digest sha256, String contributor) {
        String pointer(String field) {
            return "/files/" + index + "/" + field;
        }
    }

    private ManifestReader() {}

    /**
     * Reads a manifest tree already parsed under the canonical JSON profile.
     *
     * @throws InvalidInputException naming {@code source} and the pointer of the first bad field
     */
    static Manifest read(JsonNode tree, String source) {
        StrictObject root = StrictObject.of(tree, source, "");
        String schema = root.string("schema");
        if (!schema.equals(SCHEMA)) {
            throw root.error("schema", "unsupported schema \"" + schema + "\"; expected \"" + SCHEMA + "\"");
        }
        String id = root.parse("id", root.string("id"), Identifiers::checkDataNetId);
        String name = root.parse("name", root.string("name"), n -> {
            Identifiers.checkText("datanet name", n);
            return n;
        });
        LicenseTerms license = license(root.object("license"));
        List<Contributor> contributors = root.objects("contributors", true, ManifestReader::contributor);
        int[] index = {0};
        List<Entry> files = root.objects("files", true, f -> entry(f, index[0]++));
        if (files.isEmpty()) {
            throw root.error("files", "a DataNet must list at least one file");
        }
        HashingParameters hashing = hashing(root.object("hashing"));
        Digest claimed = root.optDigest("version");
        root.end();
        return new Manifest(id, name, license, contributors, files, hashing, claimed);
    }

    private static LicenseTerms license(StrictObject o) {
        String spdx = o.string("spdx");
        boolean commercialUse = o.bool("commercialUse");
        boolean derivativeModels = o.bool("derivativeModels");
        boolean attribution = o.bool("attribution");
        boolean shareAlike = o.bool("shareAlike");
        List<String> prohibitedUses = o.strings("prohibitedUses");
        o.end();
        try {
            return new LicenseTerms(spdx, commercialUse, derivativeModels, attribution, shareAlike, prohibitedUses);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(o.source(), "/license", e.getMessage());
        }
    }

    private static Contributor contributor(StrictObject o) {
        String id = o.string("id");
        String name = o.string("name");
        o.end();
        o.parse("name", name, n -> new Contributor("-", n));
        return o.parse("id", id, x -> new Contributor(x, name));
    }

    private static Entry entry(StrictObject o, int index) {
        String path = o.string("path");
        String problem = Identifiers.pathProblem(path);
        if (problem != null) {
            throw o.error("path", problem);
        }
        long size = o.integer("size");
        if (size < 0) {
            throw o.error("size", "a size must not be negative, got " + size);
        }
        Digest sha256 = o.optDigest("sha256");
        String contributor = o.string("contributor");
        o.end();
        return new Entry(index, path, size, sha256, contributor);
    }

    private static HashingParameters hashing(StrictObject o) {
        HashingParameters v1 = HashingParameters.V1;
        HashingParameters given = new HashingParameters(supported(o, "algorithm", v1.algorithm()),
                supported(o, "tree", v1.tree()), supported(o, "leaf", v1.leaf()), supported(o, "order", v1.order()));
        o.end();
        return given;
    }

    private static String supported(StrictObject o, String field, String expected) {
        String value = o.string(field);
        if (!value.equals(expected)) {
            throw o.error(field, "unsupported hashing " + field + " \"" + value + "\"; this version computes only \""
                    + expected + "\"");
        }
        return value;
    }
}
