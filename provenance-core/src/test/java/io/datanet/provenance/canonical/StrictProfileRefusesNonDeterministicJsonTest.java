package io.datanet.provenance.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StrictProfileRefusesNonDeterministicJsonTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "float                 | {\"a\":{\"lr\":0.001}}                 | /a/lr  | floating-point",
        "exponent              | {\"a\":[1,2e3]}                        | /a/1   | floating-point",
        "integer past 2^53     | {\"n\":9007199254740992}               | /n     | 2^53",
        "negative past 2^53    | {\"n\":-9007199254740992}              | /n     | 2^53",
        "duplicate key         | {\"k\":1,\"k\":2}                      | dup    | Duplicate field",
        "NaN                   | {\"x\":NaN}                            | x.json | not valid JSON",
        "lone surrogate        | {\"s\":\"\\ud800\"}                    | /s     | lone surrogate",
        "trailing garbage      | {\"a\":1} x                            | x.json | not valid JSON",
    })
    void refusesNamingTheFieldAndSource(String what, String json, String named, String problem) {
        assertThatThrownBy(() -> CanonicalJson.parseStrict(json.getBytes(StandardCharsets.UTF_8), "x.json"))
                .isInstanceOf(CanonicalJsonException.class)
                .hasMessageContaining("x.json")
                .hasMessageContaining(named.equals("dup") ? "k" : named)
                .hasMessageContaining(problem);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"b\":1,\"a\":[true,null,\"x\"]}      | {\"a\":[true,null,\"x\"],\"b\":1}",
        "{\"max\":9007199254740991}             | {\"max\":9007199254740991}",
        "{\"\\u00e9\":\"\\u2028\",\"e\":\"\\t\"} | {\"e\":\"\\t\",\"\u00e9\":\"\u2028\"}",
    })
    void acceptsAndCanonicalizesWhatIsInTheProfile(String json, String canonical) {
        byte[] out = CanonicalJson.canonicalize(
                CanonicalJson.parseStrict(json.getBytes(StandardCharsets.UTF_8), "ok.json"), "ok.json");
        assertThat(new String(out, StandardCharsets.UTF_8)).isEqualTo(canonical);
    }
}
