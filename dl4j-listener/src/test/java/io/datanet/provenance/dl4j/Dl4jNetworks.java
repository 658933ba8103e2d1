package io.datanet.provenance.dl4j;

import io.datanet.provenance.Digest;
import io.datanet.provenance.testkit.ContractData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.TreeMap;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The tests' tiny networks and an independent model digest. */
final class Dl4jNetworks {
    static final int HIDDEN = 8;

    private Dl4jNetworks() {}

    static MultiLayerNetwork multiLayer(long seed) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).updater(new Adam(0.05)).list()
                .layer(new DenseLayer.Builder().nIn(ContractData.FEATURES).nOut(HIDDEN).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(HIDDEN).nOut(ContractData.CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    static ComputationGraph graph(long seed) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).updater(new Adam(0.05))
                .graphBuilder().addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nIn(ContractData.FEATURES).nOut(HIDDEN)
                        .activation(Activation.RELU).build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(HIDDEN)
                        .nOut(ContractData.CLASSES).activation(Activation.SOFTMAX).build(), "hidden")
                .setOutputs("out").build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    /** A fine-tune of a trained network: the hidden layer frozen, a new output layer. */
    static Model fineTune(Model base) {
        FineTuneConfiguration ft = new FineTuneConfiguration.Builder().updater(new Adam(0.01)).seed(43).build();
        OutputLayer out = new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(HIDDEN)
                .nOut(ContractData.CLASSES).activation(Activation.SOFTMAX).build();
        if (base instanceof MultiLayerNetwork mln) {
            return new TransferLearning.Builder(mln).fineTuneConfiguration(ft).setFeatureExtractor(0)
                    .removeOutputLayer().addLayer(out).build();
        }
        return new TransferLearning.GraphBuilder((ComputationGraph) base).fineTuneConfiguration(ft)
                .setFeatureExtractor("hidden").removeVertexAndConnections("out").addLayer("out", out, "hidden")
                .setOutputs("out").build();
    }

    /**
     * The digest of docs/model-digest.md computed without the production code path: headers written as text,
     * values read one by one with {@code getFloat} in the declared order, one shard.
     */
    static Digest independentDigest(Model model) throws Exception {
        MessageDigest stream = MessageDigest.getInstance("SHA-256");
        for (Map.Entry<String, INDArray> e : new TreeMap<>(model.paramTable()).entrySet()) {
            INDArray v = e.getValue();
            long[] shape = v.shape();
            long longDims = java.util.Arrays.stream(shape).filter(d -> d > 1).count();
            char order = longDims <= 1 ? 'c' : v.ordering();
            StringBuilder dims = new StringBuilder();
            for (long d : shape) {
                dims.append(dims.length() == 0 ? "" : ",").append(d);
            }
            stream.update(("{\"dtype\":\"float32\",\"name\":\"" + e.getKey() + "\",\"order\":\"" + order
                    + "\",\"shape\":[" + dims + "]}\n").getBytes(StandardCharsets.UTF_8));
            ByteBuffer values = ByteBuffer.allocate((int) v.length() * 4).order(ByteOrder.LITTLE_ENDIAN);
            long[] index = new long[shape.length];
            for (long k = 0; k < v.length(); k++) {
                long rest = k;
                if (order == 'c') {
                    for (int d = shape.length - 1; d >= 0; d--) {
                        index[d] = rest % shape[d];
                        rest /= shape[d];
                    }
                } else {
                    for (int d = 0; d < shape.length; d++) {
                        index[d] = rest % shape[d];
                        rest /= shape[d];
                    }
                }
                values.putFloat(v.getFloat(index));
            }
            stream.update(values.array());
        }
        return Digest.sha256(stream.digest());
    }
}
