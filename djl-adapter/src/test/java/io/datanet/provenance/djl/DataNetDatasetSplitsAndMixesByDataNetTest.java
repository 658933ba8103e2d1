package io.datanet.provenance.djl;

import static io.datanet.provenance.testkit.ContractData.ALPHA;
import static io.datanet.provenance.testkit.ContractData.BETA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.BatchSampler;
import ai.djl.training.dataset.SequenceSampler;
import io.datanet.provenance.InvalidInputException;
import io.datanet.provenance.datanet.DataNet;
import io.datanet.provenance.djl.internal.DataNetIndices;
import io.datanet.provenance.license.LicenseTerms;
import io.datanet.provenance.run.DataNetDeclaration;
import io.datanet.provenance.split.DataNetSplit;
import io.datanet.provenance.testkit.ContractData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DataNet dataset on its own: what it delivers, in which order, and how it refuses bad input. */
class DataNetDatasetSplitsAndMixesByDataNetTest {
    static final DataNetSplit SPLIT = DataNetSplit.builder(42).partition("train", "0.7").partition("test", "0.3").build();
    @TempDir
    static Path data;
    static DataNet alpha;
    static DataNet beta;

    @BeforeAll
    static void writeData() {
        alpha = ContractData.write(data, ALPHA);
        beta = ContractData.write(data, BETA);
    }

    private static DataNetDataset.Builder twoDataNets(long seed) {
        return DataNetDataset.builder(SPLIT, "train").optMixtureSeed(seed)
                .addDataNet(alpha, "0.7", DjlNetworks::contractCsv).addDataNet(beta, "0.3", DjlNetworks::contractCsv)
                .setSampling(8, true);
    }

    /** Every index list of two passes, with the DataNet each names and the tags of the samples it fetched. */
    private static List<String> passes(DataNetDataset ds, int passes) throws Exception {
        List<String> out = new ArrayList<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int p = 0; p < passes; p++) {
                for (Batch b : ds.getData(manager)) {
                    DataNetIndices indices = (DataNetIndices) b.getIndices();
                    NDArray tags = b.getData().head().get(":, 3");
                    for (float t : tags.toFloatArray()) {
                        assertThat(ContractData.idOfTag(Math.round(t))).as("sample of batch %s", indices)
                                .isEqualTo(indices.dataNet());
                    }
                    assertThat(indices.owner()).isSameAs(ds);
                    assertThat(indices.partition()).isEqualTo("train");
                    out.add(p + " " + indices.dataNet() + " " + indices);
                    b.close();
                }
            }
        }
        return out;
    }

    @Test
    void eachBatchComesFromOneDataNetAndEveryTrainMemberIsDeliveredEachPass() throws Exception {
        DataNetDataset ds = twoDataNets(7).build();
        List<DataNetDeclaration> declared = ds.declarations();
        long alphaTrain = declared.get(0).partitions().get(0).members();
        long betaTrain = declared.get(1).partitions().get(0).members();
        assertThat(ds.size()).isEqualTo(alphaTrain + betaTrain);
        List<String> batches = passes(ds, 1);
        // all exhausted: every member of the lighter DataNet at least once, the heavier one possibly re-read
        long betaSeen = batches.stream().filter(s -> s.contains(" " + BETA + " ")).mapToLong(s -> s.split(",").length).sum();
        assertThat(betaSeen).isGreaterThanOrEqualTo(betaTrain);
        assertThat(batches).anyMatch(s -> s.contains(" " + ALPHA + " "));
    }

    @Test
    void identicalBuildsDrawIdenticalBatchesAndAnotherSeedDrawsOthers() throws Exception {
        List<String> first = passes(twoDataNets(7).build(), 2);
        assertThat(passes(twoDataNets(7).build(), 2)).isEqualTo(first);
        assertThat(passes(twoDataNets(8).build(), 2)).isNotEqualTo(first);
        // two passes of one dataset differ (reshuffled), yet each holds the same members
        List<String> pass0 = first.stream().filter(s -> s.startsWith("0 ")).map(s -> s.substring(2)).toList();
        List<String> pass1 = first.stream().filter(s -> s.startsWith("1 ")).map(s -> s.substring(2)).toList();
        assertThat(pass1).isNotEqualTo(pass0);
    }

    @Test
    void aWholeDataNetDatasetWithTheSameKeysRecordsTheSamePartitions() throws Exception {
        // beta as one in-memory ArrayDataset: rows of data.csv, keys data.csv:<row>
        List<String> lines = Files.readAllLines(beta.root().orElseThrow().resolve("data.csv"));
        try (NDManager manager = NDManager.newBaseManager()) {
            float[][] x = new float[lines.size()][];
            float[] y = new float[lines.size()];
            for (int i = 0; i < lines.size(); i++) {
                String[] f = lines.get(i).split(",");
                x[i] = new float[] {Float.parseFloat(f[0]), Float.parseFloat(f[1]), Float.parseFloat(f[2]),
                        Float.parseFloat(f[3])};
                y[i] = Float.parseFloat(f[4]);
            }
            ArrayDataset whole = new ArrayDataset.Builder().setData(manager.create(x)).optLabels(manager.create(y))
                    .setSampling(1, false).build();
            DataNetDataset inMemory = DataNetDataset.builder(SPLIT, "train")
                    .addDataNet(beta, "1", whole, i -> "data.csv:" + i).setSampling(4, false).build();
            DataNetDataset perFile = DataNetDataset.builder(SPLIT, "train")
                    .addDataNet(beta, "1", DjlNetworks::contractCsv).setSampling(4, false).build();
            assertThat(inMemory.declarations()).isEqualTo(perFile.declarations());
            assertThat(passes(inMemory, 1)).isEqualTo(passes(perFile, 1));
        }
    }

    @Test
    void badInputIsRefusedNamingWhatIsWrong() {
        assertThatThrownBy(() -> DataNetDataset.builder(SPLIT, "validation"))
                .hasMessageContaining("validation").hasMessageContaining("[train, test]");
        assertThatThrownBy(() -> DataNetDataset.builder(SPLIT, "train").addDataNet(alpha, "-1", DjlNetworks::contractCsv))
                .hasMessageContaining("datanet " + ALPHA).hasMessageContaining("negative");
        assertThatThrownBy(() -> DataNetDataset.builder(SPLIT, "train").addDataNet(alpha, "heavy", DjlNetworks::contractCsv))
                .hasMessageContaining("datanet " + ALPHA).hasMessageContaining("heavy");
        assertThatThrownBy(() -> DataNetDataset.builder(SPLIT, "train").addDataNet(alpha, "1", DjlNetworks::contractCsv)
                .build()).hasMessageContaining("setSampling");
        assertThatThrownBy(() -> DataNetDataset.builder(SPLIT, "train").setSampling(8, false).build())
                .hasMessageContaining("addDataNet");
        assertThatThrownBy(() -> DataNetDataset.builder(SPLIT, "train")
                .setSampling(new BatchSampler(new SequenceSampler(), 8, false)))
                .isInstanceOf(UnsupportedOperationException.class);
        DataNet inCode = DataNet.builder("coded").license(LicenseTerms.permissive("MIT")).contributor("a", "A")
                .file("x.csv", alpha.root().orElseThrow().resolve("part-a.csv"), "a").build();
        assertThatThrownBy(() -> DataNetDataset.builder(SPLIT, "train").addDataNet(inCode, "1", DjlNetworks::contractCsv))
                .hasMessageContaining("datanet coded").hasMessageContaining("no directory");
        assertThatThrownBy(() -> DataNetDataset.builder(SPLIT, "train").optFiles(p -> false)
                .addDataNet(alpha, "1", DjlNetworks::contractCsv).setSampling(8, false).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("datanet " + ALPHA);
        assertThatThrownBy(() -> DataNetDataset.builder(SPLIT, "train")
                .addDataNet(alpha, "1", f -> DjlNetworks.contractCsv(f.resolveSibling("gone.csv")))
                .setSampling(8, false).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("datanet " + ALPHA)
                .hasMessageContaining("part-a.csv");
    }
}
