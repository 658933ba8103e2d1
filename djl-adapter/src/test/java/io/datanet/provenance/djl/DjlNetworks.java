package io.datanet.provenance.djl;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.util.Pair;
import ai.djl.basicdataset.tabular.CsvDataset;
import io.datanet.provenance.Digest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;

/** The tests' tiny models, the contract's CSV files as DJL datasets, and an independent model digest. */
final class DjlNetworks {
    static final int HIDDEN = 8;

    private DjlNetworks() {}

    /** Four inputs, eight hidden ReLU units, three outputs. */
    static SequentialBlock block() {
        return new SequentialBlock().add(Linear.builder().setUnits(HIDDEN).build()).add(Activation::relu)
                .add(Linear.builder().setUnits(3).build());
    }

    /** A new model with {@link #block()}. */
    static Model model(String name) {
        Model model = Model.newInstance(name);
        model.setBlock(block());
        return model;
    }

    /** A contract data file (no header: f0,f1,f2,tag,label) as a DJL CsvDataset: four features, a numeric label. */
    static RandomAccessDataset contractCsv(Path file) {
        return CsvDataset.builder().optCsvFile(file)
                .setCsvFormat(CSVFormat.DEFAULT.builder().setHeader("f0", "f1", "f2", "tag", "label").get())
                .addNumericFeature("f0").addNumericFeature("f1").addNumericFeature("f2").addNumericFeature("tag")
                .addNumericLabel("label").setSampling(1, false).build();
    }

    /** A copy of a trained model's parameters in a new model of the same architecture: a fine-tune's start. */
    static Model copyOf(Model base, String name) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        base.getBlock().saveParameters(new DataOutputStream(bytes));
        Model copy = model(name);
        copy.getBlock().initialize(copy.getNDManager(), ai.djl.ndarray.types.DataType.FLOAT32,
                new ai.djl.ndarray.types.Shape(1, 4));
        copy.getBlock().loadParameters(copy.getNDManager(),
                new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        return copy;
    }

    /**
     * The digest of docs/model-digest.md computed without the production path: headers written as text, values
     * read one by one with {@code getFloat(indices)} in row-major order, one shard.
     */
    static Digest independentDigest(Model model) throws Exception {
        MessageDigest stream = MessageDigest.getInstance("SHA-256");
        Map<String, NDArray> params = new TreeMap<>();
        for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
            params.put(p.getKey(), p.getValue().getArray());
        }
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            NDArray v = e.getValue();
            long[] shape = v.getShape().getShape();
            StringBuilder dims = new StringBuilder();
            for (long d : shape) {
                dims.append(dims.length() == 0 ? "" : ",").append(d);
            }
            stream.update(("{\"dtype\":\"float32\",\"name\":\"" + e.getKey() + "\",\"order\":\"c\",\"shape\":["
                    + dims + "]}\n").getBytes(StandardCharsets.UTF_8));
            ByteBuffer values = ByteBuffer.allocate((int) v.size() * 4).order(ByteOrder.LITTLE_ENDIAN);
            long[] index = new long[shape.length];
            for (long k = 0; k < v.size(); k++) {
                long rest = k;
                for (int d = shape.length - 1; d >= 0; d--) {
                    index[d] = rest % shape[d];
                    rest /= shape[d];
                }
                values.putFloat(v.getFloat(index));
            }
            stream.update(values.array());
        }
        return Digest.sha256(stream.digest());
    }
}
