package io.datanet.provenance.datanet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datanet.provenance.ProvenanceException;
import io.datanet.provenance.canonical.CanonicalJson;
import io.datanet.provenance.license.LicenseTerms;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a DataNet's {@code datanet.json}: the fields in the documented order, every size, digest and
 * the version filled in, two-space indentation and '\n' line ends on every platform, so the same
 * DataNet always gives the same manifest text.
 */
final class ManifestWriter {
    private static final ObjectWriter PRETTY;

    static {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withArrayEmptySeparator("")
                        .withObjectEmptySeparator(""));
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        PRETTY = CanonicalJson.mapper().writer(printer);
    }

    private ManifestWriter() {}

    /** The manifest text of {@code dataNet}, ending with a line feed. */
    static String write(DataNet dataNet) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("schema", ManifestReader.SCHEMA);
        root.put("id", dataNet.id());
        root.put("name", dataNet.name());
        LicenseTerms terms = dataNet.license();
        ObjectNode license = root.putObject("license");
        license.put("spdx", terms.spdx());
        license.put("commercialUse", terms.commercialUse());
        license.put("derivativeModels", terms.derivativeModels());
        license.put("attribution", terms.attribution());
        license.put("shareAlike", terms.shareAlike());
        ArrayNode prohibited = license.putArray("prohibitedUses");
        terms.prohibitedUses().forEach(prohibited::add);
        ArrayNode contributors = root.putArray("contributors");
        for (Contributor c : dataNet.contributors()) {
            contributors.addObject().put("id", c.id()).put("name", c.name());
        }
        ArrayNode files = root.putArray("files");
        for (DataNetFile f : dataNet.files()) {
            files.addObject().put("path", f.path()).put("size", f.size()).put("sha256", f.sha256().toString())
                    .put("contributor", f.contributor());
        }
        HashingParameters h = dataNet.hashing();
        root.putObject("hashing").put("algorithm", h.algorithm()).put("tree", h.tree()).put("leaf", h.leaf())
                .put("order", h.order());
        root.put("version", dataNet.version().toString());
        try {
            return PRETTY.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the manifest of datanet " + dataNet.id(), e);
        }
    }

    /** Writes the manifest of {@code dataNet} to {@code dir/datanet.json} through a hidden temporary file. */
    static void writeTo(DataNet dataNet, Path dir) {
        Path target = dir.resolve(Identifiers.MANIFEST);
        Path temp = null;
        try {
            temp = Files.createTempFile(dir, "." + Identifiers.MANIFEST, ".tmp");
            Files.writeString(temp, write(dataNet), StandardCharsets.UTF_8);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new ProvenanceException("cannot write " + target + " for datanet " + dataNet.ref() + ": " + e, e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // best effort: a leftover temporary file is hidden, so load() ignores it
                }
            }
        }
    }
}
