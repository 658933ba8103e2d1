package io.datanet.provenance.testkit;

import static io.datanet.provenance.testkit.ContractData.ALPHA;
import static io.datanet.provenance.testkit.ContractData.BETA;
import static io.datanet.provenance.testkit.ContractData.GAMMA;
import static org.assertj.core.api.Assertions.assertThat;

import io.datanet.provenance.datanet.DataNet;
import io.datanet.provenance.ledger.Ledger;
import io.datanet.provenance.license.LicenseViolationException;
import io.datanet.provenance.record.CanonicalRecord;
import io.datanet.provenance.record.CaptureMode;
import io.datanet.provenance.record.DataNetUse;
import io.datanet.provenance.record.ObservedCount;
import io.datanet.provenance.record.PartitionInfo;
import io.datanet.provenance.record.PolicyVerdict;
import io.datanet.provenance.record.ProvenanceRecord;
import io.datanet.provenance.record.RunStatus;
import io.datanet.provenance.split.DataNetSplit;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every training-framework adapter is held to, as Micrometer holds each registry to its
 * compatibility kit. An adapter's test extends this class, names its variants (network types and fit
 * methods) and implements {@link #train(RunSpec)} with a real tiny network; every test here then runs for
 * every variant against a real ledger.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ProvenanceAdapterContract {
    /** The fixed clock of the determinism tests. */
    protected static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T09:30:00.123Z"), ZoneOffset.UTC);
    /** The contract's split. */
    protected static final DataNetSplit SPLIT = DataNetSplit.builder(42)
            .partition("train", "0.7").partition("validation", "0.15").partition("test", "0.15").build();

    @TempDir
    protected Path work;
    private Path dataDir;
    private int ledgers;

    /**
     * The adapter's variants, e.g. {@code MultiLayerNetwork fit(DataSetIterator, epochs)}; each test runs once
     * per variant.
     */
    protected abstract List<String> variants();

    /**
     * Performs the run with the adapter: builds a tiny network of {@link ContractData#FEATURES} inputs and
     * {@link ContractData#CLASSES} outputs (seeded), feeds it the spec's DataNets through the adapter's
     * DataNet-aware data, records into the spec's ledger, ends the run as the spec says and reports what it saw
     * independently. Throwing from fit or from the adapter's setup is reported in {@link RunOutcome#thrown()},
     * not thrown.
     */
    protected abstract RunOutcome train(RunSpec spec) throws Exception;

    /**
     * A child JVM that starts a long run recording into {@code ledger} on the DataNet in {@code dataNetDir},
     * prints a line {@code TRAINING} once a batch has been trained, and keeps training.
     */
    protected abstract ProcessBuilder longRunInChildJvm(Path ledger, Path dataNetDir);

    @BeforeAll
    void writeData(@TempDir Path data) {
        this.dataDir = data;
        for (String id : List.of(ALPHA, BETA, GAMMA)) {
            ContractData.write(data, id);
        }
    }

    /** The contract DataNet {@code id}, loaded. */
    protected DataNet dataNet(String id) {
        return DataNet.load(dataDir.resolve(id));
    }

    /** A spec for {@code variant}: alpha (0.7) and beta (0.3), 2 epochs, batches of 8, into a fresh ledger. */
    protected RunSpec spec(String variant) {
        return new RunSpec(variant, work.resolve("ledger-" + ledgers++), "contract", "1", List.of(
                new RunSpec.Weighted(dataNet(ALPHA), "0.7"), new RunSpec.Weighted(dataNet(BETA), "0.3")),
                SPLIT, 2, 8, CLOCK, "run-1", "research", false, RunSpec.Ending.COMPLETE, 0, null);
    }

    /** Every record in the ledger, in log order. */
    protected static List<CanonicalRecord> records(Path ledgerDir) {
        List<CanonicalRecord> out = new ArrayList<>();
        if (!Files.isDirectory(ledgerDir)) {
            return out;
        }
        try (Ledger ledger = Ledger.open(ledgerDir)) {
            ledger.scan(0, ledger.size(), e -> out.add(e.record()));
        }
        return out;
    }

    private static ProvenanceRecord onlyRecord(RunSpec spec) {
        List<CanonicalRecord> all = records(spec.ledger());
        assertThat(all).as("records in the ledger").hasSize(1);
        return all.get(0).record();
    }

    @ParameterizedTest
    @MethodSource("variants")
    void theRecordHoldsWhatTheModelSaw(String variant) throws Exception {
        RunSpec spec = spec(variant);
        RunOutcome out = train(spec);
        assertThat(out.thrown()).isNull();
        ProvenanceRecord r = onlyRecord(spec);
        assertThat(r.run().status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(r.model().ref()).isEqualTo("contract@1");
        assertThat(r.model().weights().value()).as("model digest").isEqualTo(out.independentDigest());
        assertThat(r.config().hyperparameters()).containsEntry("epochs", "2");
        assertThat(r.policy().verdict()).isEqualTo(PolicyVerdict.ALLOWED);
        assertThat(r.datanets()).extracting(DataNetUse::id).containsExactly(ALPHA, BETA);
        for (DataNetUse use : r.datanets()) {
            DataNet dn = dataNet(use.id());
            assertThat(use.version()).isEqualTo(dn.version());
            assertThat(use.license()).isEqualTo(dn.license());
            assertThat(use.capture()).isEqualTo(CaptureMode.OBSERVED);
            assertThat(use.weight()).isEqualByComparingTo(use.id().equals(ALPHA) ? "0.7" : "0.3");
            assertThat(use.partitions()).isEqualTo(independentPartitions(dn));
            List<ObservedCount> expected = new ArrayList<>();
            out.samples().getOrDefault(use.id(), Map.of()).forEach((epoch, n) -> expected.add(
                    new ObservedCount(RunSpec.TRAIN, epoch, n, out.batches().get(use.id()).get(epoch))));
            assertThat(use.observed()).as("observed counts of %s", use.id()).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(use.observed()).extracting(ObservedCount::epoch).contains(0, 1);
        }
    }

    /** Members and membership digests recomputed from the files: keys {@code path:line} of every line. */
    private static List<PartitionInfo> independentPartitions(DataNet dn) throws Exception {
        var membership = SPLIT.membership();
        for (var f : dn.files()) {
            List<String> lines = Files.readAllLines(dn.root().orElseThrow().resolve(f.path()));
            for (int i = 0; i < lines.size(); i++) {
                membership.accept(f.path() + ":" + i);
            }
        }
        return membership.finish().stream().sorted(java.util.Comparator.comparing(PartitionInfo::name)).toList();
    }

    @ParameterizedTest
    @MethodSource("variants")
    void identicalRunsGiveByteIdenticalRecordsAndOneChangedByteChangesThem(String variant) throws Exception {
        RunSpec first = spec(variant);
        train(first);
        RunSpec second = spec(variant);
        train(second);
        byte[] a = records(first.ledger()).get(0).bytes();
        assertThat(records(second.ledger()).get(0).bytes()).isEqualTo(a);

        Path copy = work.resolve("changed-" + variant.hashCode());
        copyDir(dataNet(BETA).root().orElseThrow(), copy.resolve(BETA));
        DataNet changed = ContractData.changeOneByte(DataNet.load(copy.resolve(BETA)));
        assertThat(changed.version()).isNotEqualTo(dataNet(BETA).version());
        RunSpec third = spec(variant).withDataNets(List.of(
                new RunSpec.Weighted(dataNet(ALPHA), "0.7"), new RunSpec.Weighted(changed, "0.3")));
        train(third);
        CanonicalRecord r3 = records(third.ledger()).get(0);
        assertThat(r3.bytes()).isNotEqualTo(a);
        assertThat(r3.record().datanets().get(1).version()).isEqualTo(changed.version());
    }

    @ParameterizedTest
    @MethodSource("variants")
    void aCompletedRunIsRecordedOnce(String variant) throws Exception {
        RunSpec spec = spec(variant);
        train(spec);
        assertThat(onlyRecord(spec).run().status()).isEqualTo(RunStatus.COMPLETED);
    }

    @ParameterizedTest
    @MethodSource("variants")
    void aRunWhoseFitThrowsIsRecordedFailedOnce(String variant) throws Exception {
        RunSpec spec = spec(variant).with(RunSpec.Ending.THROW_IN_FIT, 3);
        RunOutcome out = train(spec);
        assertThat(out.thrown()).as("fit threw").isNotNull();
        ProvenanceRecord r = onlyRecord(spec);
        assertThat(r.run().status()).isEqualTo(RunStatus.FAILED);
        long observed = r.datanets().stream().mapToLong(DataNetUse::samplesObserved).sum();
        long fed = out.samples().values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
        assertThat(observed).as("samples trained on before the failure").isLessThanOrEqualTo(fed);
    }

    @ParameterizedTest
    @MethodSource("variants")
    void aRunClosedEarlyIsRecordedInterruptedOnce(String variant) throws Exception {
        RunSpec spec = spec(variant).with(RunSpec.Ending.CLOSE_EARLY, 1);
        train(spec);
        ProvenanceRecord r = onlyRecord(spec);
        assertThat(r.run().status()).isEqualTo(RunStatus.INTERRUPTED);
        assertThat(r.datanets().get(0).observed()).extracting(ObservedCount::epoch).containsOnly(0);
    }

    @ParameterizedTest
    @MethodSource("variants")
    void aRunBreakingALicenceIsRefusedBeforeTraining(String variant) throws Exception {
        RunSpec spec = spec(variant).withDataNets(List.of(
                new RunSpec.Weighted(dataNet(ALPHA), "1"), new RunSpec.Weighted(dataNet(GAMMA), "1")))
                .withUse("product", true);
        RunOutcome out = train(spec);
        assertThat(out.thrown()).isInstanceOfSatisfying(LicenseViolationException.class, e -> {
            assertThat(e.dataNetId()).isEqualTo(GAMMA);
            assertThat(e.term()).isEqualTo("commercialUse");
        });
        assertThat(out.samples()).as("nothing was fed to the model").isEmpty();
        ProvenanceRecord r = onlyRecord(spec);
        assertThat(r.policy().verdict()).isEqualTo(PolicyVerdict.REFUSED);
        assertThat(r.run().status()).isEqualTo(RunStatus.FAILED);
    }

    @ParameterizedTest
    @MethodSource("variants")
    void aFineTuneNamesTheRecordedBaseAsParent(String variant) throws Exception {
        RunSpec base = spec(variant);
        RunOutcome trained = train(base);
        String baseId = records(base.ledger()).get(0).idHex();
        RunSpec tune = base.fineTuning(trained.model(), "contract-tuned", "1",
                List.of(new RunSpec.Weighted(dataNet(GAMMA), "1")));
        RunOutcome tuned = train(tune);
        assertThat(tuned.thrown()).isNull();
        List<CanonicalRecord> all = records(base.ledger());
        assertThat(all).hasSize(2);
        ProvenanceRecord r = all.get(1).record();
        assertThat(r.model().ref()).isEqualTo("contract-tuned@1");
        assertThat(r.model().parent()).isEqualTo(baseId);
        assertThat(r.datanets()).extracting(DataNetUse::id).containsExactly(GAMMA);
    }

    /**
     * The JVM is stopped mid-run by SIGTERM, which runs shutdown hooks (as {@code System.exit} and Ctrl-C do):
     * the run is recorded INTERRUPTED, once. SIGKILL runs no hook at all, so no process can record at that
     * moment; the spool and the ledger's durability cover the records emitted before.
     */
    @Test
    void aJvmStoppedMidRunRecordsTheRunInterruptedOnce() throws Exception {
        Path ledger = work.resolve("child-ledger");
        Process child = longRunInChildJvm(ledger, dataNet(ALPHA).root().orElseThrow())
                .redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null && !line.equals("TRAINING")) {
                output.append(line).append('\n');
            }
            assertThat(line).as("child output:\n%s", output).isEqualTo("TRAINING");
            child.destroy(); // SIGTERM
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        List<CanonicalRecord> all = records(ledger);
        assertThat(all).hasSize(1);
        assertThat(all.get(0).record().run().status()).isEqualTo(RunStatus.INTERRUPTED);
    }

    private static void copyDir(Path from, Path to) throws Exception {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    /** Adds {@code n} to {@code counts[id][epoch]}; for harnesses counting what they feed. */
    protected static void count(Map<String, Map<Integer, Long>> counts, String id, int epoch, long n) {
        counts.computeIfAbsent(id, k -> new HashMap<>()).merge(epoch, n, Long::sum);
    }
}
