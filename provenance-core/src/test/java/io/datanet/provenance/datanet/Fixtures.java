package io.datanet.provenance.datanet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datanet.provenance.license.LicenseTerms;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** Real files, real manifests and a hand-written RFC 6962 reference for the DataNet tests. */
final class Fixtures {
    static final LicenseTerms CC_BY = new LicenseTerms("CC-BY-4.0", true, true, true, false, List.of("surveillance"));
    private static final ObjectMapper JSON = new ObjectMapper();

    private Fixtures() {}

    static Path write(Path dir, String path, byte[] content) {
        try {
            Path file = dir.resolve(path);
            Files.createDirectories(file.getParent());
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path write(Path dir, String path, String content) {
        return write(dir, path, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Three files by two contributors and a manifest written by {@link DataNet#writeManifest(Path)}. */
    static DataNet sample(Path dir) {
        write(dir, "images/cat.txt", "a cat\n");
        write(dir, "images/dog.txt", "a dog, bigger\n");
        write(dir, "text/readme.txt", "hello, world\n");
        DataNet dataNet = DataNet.builder("pets").name("Pets").license(CC_BY)
                .contributor("ada", "Ada Lovelace").contributor("bob", "Bob")
                .file("images/cat.txt", dir.resolve("images/cat.txt"), "ada")
                .file("images/dog.txt", dir.resolve("images/dog.txt"), "ada")
                .file("text/readme.txt", dir.resolve("text/readme.txt"), "bob")
                .build();
        dataNet.writeManifest(dir);
        return dataNet;
    }

    static ObjectNode manifest(Path dir) {
        try {
            return (ObjectNode) JSON.readTree(dir.resolve("datanet.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void writeManifest(Path dir, JsonNode manifest) {
        write(dir, "datanet.json", manifest.toString());
    }

    static void writeManifest(Path dir, String manifest) {
        write(dir, "datanet.json", manifest);
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                md.update(part);
            }
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** The leaf text of one file, written out by hand as RFC 8785 would order and print it. */
    static String leaf(String contributor, String path, byte[] content) {
        return "{\"contributor\":\"" + contributor + "\",\"path\":\"" + path + "\",\"sha256\":\"sha256:"
                + hex(sha256(content)) + "\",\"size\":" + content.length + "}";
    }

    /** RFC 6962 MTH over leaf texts given in their final order, straight from the RFC's definition. */
    static String rfc6962Root(List<String> leaves) {
        return "sha256:" + hex(mth(leaves.stream().map(l -> sha256(new byte[] {0}, l.getBytes(StandardCharsets.UTF_8)))
                .toList()));
    }

    private static byte[] mth(List<byte[]> hashes) {
        if (hashes.size() == 1) {
            return hashes.get(0);
        }
        int k = 1;
        while (k * 2 < hashes.size()) {
            k *= 2;
        }
        return sha256(new byte[] {1}, mth(hashes.subList(0, k)), mth(hashes.subList(k, hashes.size())));
    }
}
