package io.datanet.provenance.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.datanet.provenance.Digest;
import io.datanet.provenance.record.PartitionInfo;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataNetSplitIsSeededAndVerifiableTest {
    private static final DataNetSplit SPLIT = DataNetSplit.builder(42)
            .partition("train", "0.8").partition("validation", "0.1").partition("test", "0.1").build();

    /** The documented rule, written independently with BigInteger arithmetic. */
    private static String reference(long seed, String key) throws Exception {
        byte[] h = MessageDigest.getInstance("SHA-256").digest((seed + "\n" + key).getBytes(StandardCharsets.UTF_8));
        BigInteger x = new BigInteger(1, java.util.Arrays.copyOf(h, 8));
        BigInteger two64 = BigInteger.ONE.shiftLeft(64);
        if (x.compareTo(new BigDecimal("0.8").multiply(new BigDecimal(two64)).toBigInteger()) < 0) {
            return "train";
        }
        if (x.compareTo(new BigDecimal("0.9").multiply(new BigDecimal(two64)).toBigInteger()) < 0) {
            return "validation";
        }
        return "test";
    }

    @Test
    void assignmentFollowsTheDocumentedRuleAndTheFractions() throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            String key = "data/part-" + (i % 7) + ".csv:" + i;
            assertThat(SPLIT.partitionOf(key)).isEqualTo(reference(42, key));
            counts.merge(SPLIT.partitionOf(key), 1, Integer::sum);
        }
        assertThat(counts.get("train") / 20_000.0).isCloseTo(0.8, within(0.02));
        assertThat(counts.get("test") / 20_000.0).isCloseTo(0.1, within(0.02));
    }

    @Test
    void membershipDigestIsSha256OverMemberKeysInOrder() throws Exception {
        PartitionMembership m = SPLIT.membership();
        MessageDigest train = MessageDigest.getInstance("SHA-256");
        long trainMembers = 0;
        for (int i = 0; i < 500; i++) {
            String key = "a.csv:" + i;
            m.accept(key);
            if (reference(42, key).equals("train")) {
                train.update((key + "\n").getBytes(StandardCharsets.UTF_8));
                trainMembers++;
            }
        }
        List<PartitionInfo> parts = m.finish();
        assertThat(parts).extracting(PartitionInfo::name).containsExactly("train", "validation", "test");
        PartitionInfo t = parts.get(0);
        assertThat(t.members()).isEqualTo(trainMembers);
        assertThat(t.membershipDigest()).isEqualTo(Digest.of(train.digest()));
        assertThat(t.seed()).isEqualTo(42);
        assertThat(t.fraction()).isEqualByComparingTo("0.8");
        assertThat(parts.stream().mapToLong(PartitionInfo::members).sum()).isEqualTo(500);
    }

    @Test
    void anotherSeedGivesAnotherSplit() {
        DataNetSplit other = DataNetSplit.builder(43).partition("train", "0.5").partition("test", "0.5").build();
        DataNetSplit same = DataNetSplit.builder(42).partition("train", "0.5").partition("test", "0.5").build();
        long differ = 0;
        for (int i = 0; i < 1000; i++) {
            differ += other.partitionOf("k" + i).equals(same.partitionOf("k" + i)) ? 0 : 1;
        }
        assertThat(differ).isBetween(400L, 600L);
    }

    @Test
    void refusesFractionsThatDoNotAddUpToOne() {
        assertThatThrownBy(() -> DataNetSplit.builder(1).partition("train", "0.8").partition("test", "0.1").build())
                .hasMessageContaining("add up to 0.9");
        assertThatThrownBy(() -> DataNetSplit.builder(1).partition("train", "1.5"))
                .hasMessageContaining("train fraction must be in (0, 1]");
        assertThatThrownBy(() -> SPLIT.membership().accept("a\nb")).hasMessageContaining("line feed");
    }
}
