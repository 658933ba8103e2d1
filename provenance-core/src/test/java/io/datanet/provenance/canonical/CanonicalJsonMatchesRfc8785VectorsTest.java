package io.datanet.provenance.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The published RFC 8785 test data (input and expected output files of the RFC's reference implementations). */
class CanonicalJsonMatchesRfc8785VectorsTest {

    @ParameterizedTest
    @ValueSource(strings = {"arrays", "french", "structures", "unicode", "values", "weird"})
    void canonicalizesEachVectorToItsPublishedBytes(String name) throws IOException {
        String input = resource(name + ".input.json");
        byte[] expected = resource(name + ".output.json").getBytes(StandardCharsets.UTF_8);
        assertThat(CanonicalJson.canonicalize(input, name)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"arrays", "french", "unicode", "weird"})
    void theStrictProfileGivesTheSameBytesForVectorsWithoutFloats(String name) throws IOException {
        byte[] input = resource(name + ".input.json").getBytes(StandardCharsets.UTF_8);
        byte[] expected = resource(name + ".output.json").getBytes(StandardCharsets.UTF_8);
        assertThat(CanonicalJson.canonicalize(CanonicalJson.parseStrict(input, name), name)).isEqualTo(expected);
    }

    @Test
    void theStrictProfileRefusesTheFloatVectorNamingTheField() throws IOException {
        byte[] input = resource("values.input.json").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> CanonicalJson.parseStrict(input, "values.json"))
                .isInstanceOf(CanonicalJsonException.class)
                .hasMessageContaining("values.json")
                .hasMessageContaining("/numbers/0")
                .hasMessageContaining("floating-point");
    }

    @Test
    void duplicateKeysAreRefusedEvenByThePlainCanonicalizer() {
        assertThatThrownBy(() -> CanonicalJson.canonicalize("{\"a\":1,\"a\":2}", "dup.json"))
                .isInstanceOf(CanonicalJsonException.class).hasMessageContaining("dup.json")
                .hasMessageContaining("Duplicate field 'a'");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = CanonicalJsonMatchesRfc8785VectorsTest.class.getResourceAsStream("/rfc8785/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
