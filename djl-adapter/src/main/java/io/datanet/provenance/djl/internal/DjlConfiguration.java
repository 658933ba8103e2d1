package io.datanet.provenance.djl.internal;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.Trainer;
import ai.djl.training.evaluator.Evaluator;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.datanet.provenance.Digest;
import io.datanet.provenance.canonical.CanonicalJson;
import io.datanet.provenance.record.FrameworkInfo;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a DJL trainer's own configuration says: a digest of it, the hyperparameters DJL exposes and the engine's
 * seed; and the framework's name, version and engine.
 *
 * <p>The config digest is SHA-256 over the RFC 8785 JSON of {@code {block, dataType, devices, evaluators, loss,
 * parameters}}: the block's structure as DJL prints it ({@code Block.toString()}), the model's data
 * type, the trainer's devices, the evaluators' and loss's names and every parameter's name, shape and data
 * type in block order. A {@code Trainer} does not expose its optimizer, whose settings (the learning rate) DJL
 * keeps private anyway: declare them with {@code optHyperparameter}.
 *
 * @param digest          the configuration digest
 * @param hyperparameters name to value
 * @param seed            the engine's random seed ({@code Engine.setRandomSeed}), 0 when none was set
 */
public record DjlConfiguration(Digest digest, SortedMap<String, String> hyperparameters, long seed) {

    /** Reads the configuration of the trainer's model; the block must be initialized for parameter shapes. */
    public static DjlConfiguration of(Trainer trainer) {
        Model model = trainer.getModel();
        Block block = model.getBlock();
        ObjectNode c = JsonNodeFactory.instance.objectNode();
        c.put("block", block == null ? "" : block.toString());
        c.put("dataType", String.valueOf(model.getDataType()));
        ArrayNode devices = c.putArray("devices");
        for (Device d : trainer.getDevices()) {
            devices.add(d.toString());
        }
        ArrayNode evaluators = c.putArray("evaluators");
        for (Evaluator e : trainer.getEvaluators()) {
            evaluators.add(e.getName());
        }
        c.put("loss", trainer.getLoss().getClass().getName() + ":" + trainer.getLoss().getName());
        ArrayNode parameters = c.putArray("parameters");
        if (block != null) {
            for (Pair<String, Parameter> p : block.getParameters()) {
                ObjectNode o = parameters.addObject();
                o.put("name", p.getKey());
                Parameter param = p.getValue();
                if (param.isInitialized()) {
                    o.put("shape", param.getArray().getShape().toString());
                    o.put("dtype", String.valueOf(param.getArray().getDataType()));
                }
            }
        }
        SortedMap<String, String> hp = new TreeMap<>();
        hp.put("block", block == null ? "none" : block.getClass().getSimpleName());
        hp.put("dataType", String.valueOf(model.getDataType()));
        hp.put("devices", devices.toString().replace("\"", ""));
        hp.put("loss", trainer.getLoss().getName());
        hp.put("parameterTensors", Integer.toString(parameters.size()));
        Integer seed = Engine.getInstance().getSeed();
        return new DjlConfiguration(Digest.sha256(CanonicalJson.canonicalize(c, "DJL configuration")), hp,
                seed == null ? 0 : seed);
    }

    /** {@code djl}, the DJL version, and the engine with its version and the devices' kind. */
    public static FrameworkInfo framework() {
        Engine engine = Engine.getInstance();
        return new FrameworkInfo("djl", Engine.getDjlVersion(), engine.getEngineName() + " " + engine.getVersion()
                + "/" + engine.defaultDevice().getDeviceType());
    }
}
