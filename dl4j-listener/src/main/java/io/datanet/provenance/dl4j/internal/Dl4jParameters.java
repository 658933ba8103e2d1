package io.datanet.provenance.dl4j.internal;

import io.datanet.provenance.Digest;
import io.datanet.provenance.model.ElementType;
import io.datanet.provenance.model.MemoryOrder;
import io.datanet.provenance.model.ModelFileDigest;
import io.datanet.provenance.model.ParameterDigest;
import io.datanet.provenance.run.ModelSnapshot;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Map;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads a DL4J network's parameters into the framework-independent digest, straight from ND4J's off-heap
 * buffers: each parameter of {@link Model#paramTable()} is a view into the network's flat parameter buffer,
 * and is hashed through a {@link ByteBuffer} over exactly its bytes, never copied to the heap
 * ({@code data().asBytes()} would copy the model).
 */
public final class Dl4jParameters {
    private Dl4jParameters() {}

    /** The digest of the network's parameters in layout v1, sharded with {@code shardSize}. */
    public static ParameterDigest digest(Model model, long shardSize) {
        ParameterDigest.Builder b = ParameterDigest.builder().shardSize(shardSize);
        for (Map.Entry<String, INDArray> e : model.paramTable().entrySet()) {
            INDArray v = e.getValue();
            if (!isDense(v)) {
                v = v.dup(v.ordering());
            }
            b.add(e.getKey(), elementType(v.dataType(), e.getKey()), v.ordering() == 'f' ? MemoryOrder.F : MemoryOrder.C,
                    v.shape(), bytesOf(v));
        }
        return b.compute();
    }

    /** A snapshot of the network for the record, with the digest of {@code modelFile} when one is given. */
    public static ModelSnapshot snapshot(Model model, long shardSize, Path modelFile) {
        ParameterDigest d = digest(model, shardSize);
        return new ModelSnapshot(d.weights(), d.parameterCount(), modelFile == null ? null : fileDigest(modelFile));
    }

    /** The SHA-256 of a file, streamed ({@link ModelFileDigest}, shared with the other adapters). */
    public static Digest fileDigest(Path file) {
        return ModelFileDigest.of(file);
    }

    /** A view of exactly the array's bytes in its underlying off-heap buffer, in native byte order. */
    static ByteBuffer bytesOf(INDArray v) {
        int width = v.dataType().width();
        ByteBuffer all = v.data().asNio();
        long from = v.offset() * width;
        long to = from + v.length() * width;
        if (to > all.capacity()) {
            throw new IllegalStateException("parameter buffer of " + all.capacity() + " bytes is smaller than offset "
                    + v.offset() + " + length " + v.length() + " elements of " + width + " bytes");
        }
        return all.duplicate().position((int) from).limit((int) to).slice().order(ByteOrder.nativeOrder());
    }

    /** True when the array's elements are one dense run in its own order, so its bytes can be read in place. */
    static boolean isDense(INDArray v) {
        long[] shape = v.shape();
        long[] stride = v.stride();
        long expected = 1;
        if (v.ordering() == 'c') {
            for (int i = shape.length - 1; i >= 0; i--) {
                if (shape[i] != 1 && stride[i] != expected) {
                    return false;
                }
                expected *= shape[i];
            }
        } else {
            for (int i = 0; i < shape.length; i++) {
                if (shape[i] != 1 && stride[i] != expected) {
                    return false;
                }
                expected *= shape[i];
            }
        }
        return true;
    }

    static ElementType elementType(DataType t, String name) {
        return switch (t) {
            case FLOAT -> ElementType.FLOAT32;
            case DOUBLE -> ElementType.FLOAT64;
            case HALF -> ElementType.FLOAT16;
            case BFLOAT16 -> ElementType.BFLOAT16;
            case INT -> ElementType.INT32;
            case LONG -> ElementType.INT64;
            case SHORT -> ElementType.INT16;
            case BYTE -> ElementType.INT8;
            case UBYTE -> ElementType.UINT8;
            case BOOL -> ElementType.BOOL;
            default -> throw new IllegalArgumentException("parameter " + name + " has data type " + t
                    + ", which the parameter digest layout does not name");
        };
    }
}
