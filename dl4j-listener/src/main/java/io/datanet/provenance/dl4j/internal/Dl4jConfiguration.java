package io.datanet.provenance.dl4j.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datanet.provenance.Digest;
import io.datanet.provenance.ProvenanceException;
import io.datanet.provenance.record.FrameworkInfo;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * What a DL4J network's own configuration says: the digest of its JSON configuration, the hyperparameters and
 * the seed; and the framework's name, version and ND4J backend.
 *
 * <p>The config digest is SHA-256 over the UTF-8 bytes of the network's {@code toJson()} with every
 * {@code iterationCount} and {@code epochCount} member removed (they are training counters, not
 * configuration), re-serialized compactly by Jackson with decimals kept as written.
 *
 * @param digest          the configuration digest
 * @param hyperparameters name to value, numbers as decimal strings
 * @param seed            the network's seed
 */
public record Dl4jConfiguration(Digest digest, SortedMap<String, String> hyperparameters, long seed) {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** Reads the configuration of a {@link MultiLayerNetwork} or {@link ComputationGraph}. */
    public static Dl4jConfiguration of(Model model) {
        SortedMap<String, String> hp = new TreeMap<>();
        if (model instanceof MultiLayerNetwork net) {
            MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
            hp.put("network", "MultiLayerNetwork");
            hp.put("backpropType", String.valueOf(conf.getBackpropType()));
            hp.put("dataType", String.valueOf(conf.getDataType()));
            hp.put("layers", Integer.toString(conf.getConfs().size()));
            NeuralNetConfiguration first = conf.getConf(0);
            hp.put("optimizationAlgo", String.valueOf(first.getOptimizationAlgo()));
            for (int i = 0; i < conf.getConfs().size(); i++) {
                layer(hp, "layer." + i + ".", conf.getConf(i).getLayer());
            }
            return new Dl4jConfiguration(digestOf(conf.toJson()), hp, first.getSeed());
        }
        if (model instanceof ComputationGraph graph) {
            ComputationGraphConfiguration conf = graph.getConfiguration();
            hp.put("network", "ComputationGraph");
            hp.put("backpropType", String.valueOf(conf.getBackpropType()));
            hp.put("dataType", String.valueOf(conf.getDataType()));
            hp.put("optimizationAlgo", String.valueOf(conf.getDefaultConfiguration().getOptimizationAlgo()));
            int layers = 0;
            for (Map.Entry<String, GraphVertex> v : new TreeMap<>(conf.getVertices()).entrySet()) {
                if (v.getValue() instanceof LayerVertex lv) {
                    layers++;
                    layer(hp, "layer." + v.getKey() + ".", lv.getLayerConf().getLayer());
                }
            }
            hp.put("layers", Integer.toString(layers));
            return new Dl4jConfiguration(digestOf(conf.toJson()), hp, conf.getDefaultConfiguration().getSeed());
        }
        throw new IllegalArgumentException("not a MultiLayerNetwork or ComputationGraph: " + model.getClass().getName());
    }

    private static void layer(Map<String, String> hp, String prefix, Layer layer) {
        hp.put(prefix + "type", layer.getClass().getSimpleName());
        if (layer instanceof FeedForwardLayer ff) {
            hp.put(prefix + "nIn", Long.toString(ff.getNIn()));
            hp.put(prefix + "nOut", Long.toString(ff.getNOut()));
        }
        if (layer instanceof BaseLayer base) {
            if (base.getActivationFn() != null) {
                hp.put(prefix + "activation", base.getActivationFn().toString());
            }
            if (base.getWeightInitFn() != null) {
                hp.put(prefix + "weightInit", base.getWeightInitFn().getClass().getSimpleName());
            }
            IUpdater u = base.getIUpdater();
            if (u != null) {
                hp.put(prefix + "updater", u.getClass().getSimpleName());
                if (u.hasLearningRate()) {
                    hp.put(prefix + "learningRate", decimal(u.getLearningRate(0, 0)));
                }
            }
        }
    }

    /** A double as a plain decimal string: 0.001, never 1.0E-3. */
    static String decimal(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return Double.toString(d);
        }
        BigDecimal b = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        return (b.scale() < 0 ? b.setScale(0) : b).toPlainString();
    }

    /** The config digest of a DL4J configuration JSON text. */
    public static Digest digestOf(String configJson) {
        try {
            JsonNode tree = JSON.readTree(configJson);
            stripCounters(tree);
            return Digest.sha256(JSON.writeValueAsString(tree).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ProvenanceException("cannot read the network's JSON configuration: " + e, e);
        }
    }

    private static void stripCounters(JsonNode node) {
        if (node instanceof ObjectNode o) {
            o.remove("iterationCount");
            o.remove("epochCount");
        }
        node.forEach(Dl4jConfiguration::stripCounters);
    }

    /** {@code deeplearning4j}, the deeplearning4j-nn version, and the ND4J backend with its BLAS. */
    public static FrameworkInfo framework() {
        String version = "unknown";
        try (InputStream in = MultiLayerNetwork.class.getResourceAsStream(
                "/META-INF/maven/org.deeplearning4j/deeplearning4j-nn/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                version = p.getProperty("version", version);
            }
        } catch (IOException ignored) {
            // the version stays unknown
        }
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        String backend = env.getProperty("backend", Nd4j.getBackend().getClass().getSimpleName());
        Object blas = env.get("blas.vendor");
        return new FrameworkInfo("deeplearning4j", version, blas == null ? backend : backend + "/" + blas);
    }
}
