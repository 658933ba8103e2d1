package io.datanet.provenance.djl.internal;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.datanet.provenance.model.ElementType;
import io.datanet.provenance.model.MemoryOrder;
import io.datanet.provenance.model.ModelFileDigest;
import io.datanet.provenance.model.ParameterDigest;
import io.datanet.provenance.run.ModelSnapshot;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Reads a DJL block's parameters into the framework-independent digest (docs/model-digest.md): each parameter,
 * named by its key in {@link Block#getParameters()} (e.g. {@code 01Linear_weight}), is hashed through
 * {@code NDArray.toByteBuffer(true)}, which on PyTorch is a direct buffer over the tensor's own memory — no copy
 * of the model is made. DJL tensors are row-major ({@code c}).
 */
public final class DjlParameters {
    private DjlParameters() {}

    /**
     * The digest of the block's parameters in layout v1, sharded with {@code shardSize}.
     *
     * @throws IllegalStateException naming the parameter when one is not initialized (the block was never
     *                               initialized, trained or loaded)
     */
    public static ParameterDigest digest(Block block, long shardSize) {
        ParameterDigest.Builder b = ParameterDigest.builder().shardSize(shardSize);
        for (Pair<String, Parameter> p : block.getParameters()) {
            Parameter parameter = p.getValue();
            if (!parameter.isInitialized()) {
                throw new IllegalStateException("parameter " + p.getKey() + " is not initialized; initialize the"
                        + " trainer (or load the model) before reading its digest");
            }
            NDArray array = parameter.getArray();
            ByteBuffer values = array.toByteBuffer(true);
            b.add(p.getKey(), elementType(array.getDataType(), p.getKey()), MemoryOrder.C, array.getShape().getShape(),
                    values);
        }
        return b.compute();
    }

    /** A snapshot of the model for the record, with the digest of {@code modelFile} when one is given. */
    public static ModelSnapshot snapshot(Model model, long shardSize, Path modelFile) {
        ParameterDigest d = digest(model.getBlock(), shardSize);
        return new ModelSnapshot(d.weights(), d.parameterCount(), modelFile == null ? null : ModelFileDigest.of(modelFile));
    }

    static ElementType elementType(DataType t, String name) {
        return switch (t) {
            case FLOAT32 -> ElementType.FLOAT32;
            case FLOAT64 -> ElementType.FLOAT64;
            case FLOAT16 -> ElementType.FLOAT16;
            case BFLOAT16 -> ElementType.BFLOAT16;
            case INT8 -> ElementType.INT8;
            case UINT8 -> ElementType.UINT8;
            case INT16 -> ElementType.INT16;
            case INT32 -> ElementType.INT32;
            case INT64 -> ElementType.INT64;
            case BOOLEAN -> ElementType.BOOL;
            default -> throw new IllegalArgumentException("parameter " + name + " has data type " + t
                    + ", which the parameter digest layout does not name");
        };
    }
}
