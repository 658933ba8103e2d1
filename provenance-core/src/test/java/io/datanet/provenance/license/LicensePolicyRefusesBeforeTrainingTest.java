package io.datanet.provenance.license;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.datanet.provenance.datanet.DataNet;
import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.record.PolicyVerdict;
import io.datanet.provenance.record.ProvenanceRecord;
import io.datanet.provenance.record.RunStatus;
import io.datanet.provenance.run.DataNetDeclaration;
import io.datanet.provenance.run.RunRecorder;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LicensePolicyRefusesBeforeTrainingTest {
    static final LicenseTerms NON_COMMERCIAL = new LicenseTerms("CC-BY-NC-4.0", false, true, true, false, List.of("surveillance"));
    static final LicenseTerms NO_MODELS = new LicenseTerms("LicenseRef-no-ai", true, false, false, false, List.of());

    @TempDir
    Path ledgerDir;

    private static DataNet dataNet(String id, LicenseTerms terms) {
        return DataNet.builder(id).license(terms).contributor("c", "C")
                .file("x.txt", "x".getBytes(StandardCharsets.UTF_8), "c").build();
    }

    @Test
    void eachTermRefusesWithItsOwnReason() {
        assertThat(LicensePolicy.evaluate("research", false, Map.of("nc", NON_COMMERCIAL)).verdict())
                .isEqualTo(PolicyVerdict.ALLOWED);
        assertThat(LicensePolicy.evaluate("research", true, Map.of("nc", NON_COMMERCIAL)).reasons())
                .containsExactly("datanet nc (CC-BY-NC-4.0): commercialUse=false forbids the declared commercial use");
        assertThat(LicensePolicy.evaluate("Surveillance", false, Map.of("nc", NON_COMMERCIAL)).reasons())
                .singleElement().asString().contains("prohibitedUses");
        assertThat(LicensePolicy.evaluate("research", false, Map.of("x", NO_MODELS)).reasons())
                .singleElement().asString().contains("derivativeModels=false");
    }

    @Test
    void aRefusedRunThrowsNamingDataNetAndTermAndIsRecordedAsRefused() {
        assertThatThrownBy(() -> RunRecorder.builder(ledgerDir, "m", "1").intendedUse("product", true)
                .dataNet(DataNetDeclaration.declaredOnly(dataNet("ok", LicenseTerms.permissive("MIT")), BigDecimal.ONE))
                .dataNet(DataNetDeclaration.declaredOnly(dataNet("nc", NON_COMMERCIAL), BigDecimal.ONE))
                .start())
                .isInstanceOfSatisfying(LicenseViolationException.class, e -> {
                    assertThat(e.dataNetId()).isEqualTo("nc");
                    assertThat(e.term()).isEqualTo(LicensePolicy.COMMERCIAL_USE);
                    assertThat(e).hasMessageContaining("datanet nc (CC-BY-NC-4.0)");
                });
        try (Ledger ledger = Ledger.open(ledgerDir)) {
            ProvenanceRecord r = ledger.resolve("m@1").record().record();
            assertThat(r.run().status()).isEqualTo(RunStatus.FAILED);
            assertThat(r.policy().verdict()).isEqualTo(PolicyVerdict.REFUSED);
            assertThat(r.model().weights()).isNull();
        }
    }

    @Test
    void undeclaredUseIsTreatedAsCommercial() {
        assertThatThrownBy(() -> RunRecorder.builder(ledgerDir, "m", "1")
                .dataNet(DataNetDeclaration.declaredOnly(dataNet("nc", NON_COMMERCIAL), BigDecimal.ONE)).start())
                .isInstanceOf(LicenseViolationException.class).hasMessageContaining("commercialUse=false");
    }
}
