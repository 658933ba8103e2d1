package io.datanet.provenance.run;

import io.datanet.provenance.Digest;
import io.datanet.provenance.datanet.DataNet;
import io.datanet.provenance.license.LicenseTerms;
import io.datanet.provenance.model.ElementType;
import io.datanet.provenance.model.MemoryOrder;
import io.datanet.provenance.model.ParameterDigest;
import io.datanet.provenance.record.PartitionInfo;
import io.datanet.provenance.split.DataNetSplit;
import io.datanet.provenance.split.PartitionMembership;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Small DataNets, splits and models for the recorder tests. */
final class RunFixtures {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T09:30:00.123Z"), ZoneOffset.UTC);
    static final DataNetSplit SPLIT = DataNetSplit.builder(7).partition("train", "0.75").partition("test", "0.25").build();

    private RunFixtures() {}

    static DataNet dataNet(String id, LicenseTerms terms, int rows) {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            csv.append(i).append(',').append(i % 3).append('\n');
        }
        return DataNet.builder(id).license(terms).contributor("ada", "Ada")
                .file("data.csv", csv.toString().getBytes(StandardCharsets.UTF_8), "ada").build();
    }

    static List<PartitionInfo> partitions(int rows) {
        PartitionMembership m = SPLIT.membership();
        for (int i = 0; i < rows; i++) {
            m.accept("data.csv:" + i);
        }
        return m.finish();
    }

    static DataNetDeclaration observed(DataNet dn, String weight, int rows) {
        return DataNetDeclaration.observed(dn, new BigDecimal(weight), partitions(rows));
    }

    static ModelSnapshot model(float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        ParameterDigest d = ParameterDigest.builder()
                .add("w", ElementType.FLOAT32, MemoryOrder.C, new long[] {values.length}, b.flip()).compute();
        return new ModelSnapshot(d.weights(), d.parameterCount(), null);
    }

    static Digest digest(String s) {
        return Digest.sha256(s.getBytes(StandardCharsets.UTF_8));
    }
}
