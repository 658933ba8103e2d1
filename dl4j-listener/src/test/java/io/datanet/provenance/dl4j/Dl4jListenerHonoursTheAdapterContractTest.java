package io.datanet.provenance.dl4j;

import io.datanet.provenance.datanet.DataNet;
import io.datanet.provenance.testkit.ContractData;
import io.datanet.provenance.testkit.ProvenanceAdapterContract;
import io.datanet.provenance.testkit.RunOutcome;
import io.datanet.provenance.testkit.RunSpec;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.datavec.api.records.reader.RecordReader;
import org.deeplearning4j.datasets.datavec.RecordReaderDataSetIterator;
import org.deeplearning4j.datasets.datavec.RecordReaderMultiDataSetIterator;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator;

/** The DL4J listener against the shared adapter contract, for both network types and both fit methods. */
class Dl4jListenerHonoursTheAdapterContractTest extends ProvenanceAdapterContract {
    static final String MLN = "MultiLayerNetwork fit(DataSetIterator, epochs)";
    static final String CG_MULTI = "ComputationGraph fit(MultiDataSetIterator, epochs)";
    static final String CG = "ComputationGraph fit(DataSetIterator, epochs)";

    @Override
    protected List<String> variants() {
        return List.of(MLN, CG_MULTI, CG);
    }

    @Override
    protected RunOutcome train(RunSpec spec) throws Exception {
        Map<String, Map<Integer, Long>> samples = new HashMap<>();
        Map<String, Map<Integer, Long>> batches = new HashMap<>();
        Model base = (Model) spec.startFrom();
        Model net = base != null ? Dl4jNetworks.fineTune(base)
                : spec.variant().equals(MLN) ? Dl4jNetworks.multiLayer(42) : Dl4jNetworks.graph(42);
        boolean multi = spec.variant().equals(CG_MULTI);
        int[] delivered = {0};
        int[] epoch = {0};
        boolean[] drew = {false};

        ProvenanceTrainingListener.Builder b = new ProvenanceTrainingListener.Builder(spec.ledger(), spec.model(),
                spec.version()).clock(spec.clock()).runId(spec.runId()).epochs(spec.epochs())
                .intendedUse(spec.intendedUse(), spec.commercial()).shutdownHook(false);
        if (base != null) {
            b.fineTunes(base);
        }
        Object data;
        try {
            if (multi) {
                DataNetMultiDataSetIterator.Builder ib = DataNetMultiDataSetIterator.builder(spec.split(), RunSpec.TRAIN)
                        .mixtureSeed(7);
                for (RunSpec.Weighted w : spec.dataNets()) {
                    ib.dataNet(w.dataNet(), w.weight(), r -> throwing(spec, delivered,
                            new RecordReaderMultiDataSetIterator.Builder(spec.batchSize()).addReader("r", r)
                                    .addInput("r", 0, ContractData.FEATURES - 1)
                                    .addOutputOneHot("r", ContractData.FEATURES, ContractData.CLASSES).build()));
                }
                DataNetMultiDataSetIterator it = ib.build();
                b.data(it);
                data = it;
            } else {
                DataNetDataSetIterator.Builder ib = DataNetDataSetIterator.builder(spec.split(), RunSpec.TRAIN)
                        .mixtureSeed(7);
                for (RunSpec.Weighted w : spec.dataNets()) {
                    ib.dataNet(w.dataNet(), w.weight(), r -> throwing(spec, delivered,
                            new RecordReaderDataSetIterator(r, spec.batchSize(), ContractData.FEATURES, ContractData.CLASSES)));
                }
                DataNetDataSetIterator it = ib.build();
                b.data(it);
                data = it;
            }
        } catch (RuntimeException e) {
            return new RunOutcome(samples, batches, null, null, e);
        }
        Function<INDArray, Void> count = features -> {
            drew[0] = true;
            INDArray tags = features.getColumn(ContractData.FEATURES - 1);
            Map<String, Long> perBatch = new HashMap<>();
            for (long i = 0; i < tags.length(); i++) {
                perBatch.merge(ContractData.idOfTag(Math.round(tags.getFloat(i))), 1L, Long::sum);
            }
            perBatch.forEach((id, n) -> {
                count(samples, id, epoch[0], n);
                count(batches, id, epoch[0], 1);
            });
            return null;
        };
        Runnable nextEpoch = () -> {
            if (drew[0]) {
                epoch[0]++;
                drew[0] = false;
            }
        };
        ProvenanceTrainingListener listener;
        try {
            listener = b.build();
        } catch (RuntimeException e) {
            return new RunOutcome(samples, batches, null, null, e);
        }
        int epochs = spec.ending() == RunSpec.Ending.CLOSE_EARLY ? spec.endingAt() : spec.epochs();
        Throwable thrown = null;
        try (listener) {
            net.addListeners(listener);
            if (multi) {
                ((ComputationGraph) net).fit(new Counting.Multi((MultiDataSetIterator) data,
                        mds -> count.apply(mds.getFeatures(0)), nextEpoch), epochs);
            } else {
                DataSetIterator counted = new Counting.Single((DataSetIterator) data, ds -> count.apply(ds.getFeatures()),
                        nextEpoch);
                if (net instanceof MultiLayerNetwork mln) {
                    mln.fit(counted, epochs);
                } else {
                    ((ComputationGraph) net).fit(counted, epochs);
                }
            }
        } catch (RuntimeException e) {
            thrown = e;
        }
        return new RunOutcome(samples, batches, Dl4jNetworks.independentDigest(net), net, thrown);
    }

    private static <I> I throwing(RunSpec spec, int[] delivered, I iterator) {
        if (spec.ending() != RunSpec.Ending.THROW_IN_FIT) {
            return iterator;
        }
        int at = spec.endingAt();
        if (iterator instanceof DataSetIterator it) {
            @SuppressWarnings("unchecked")
            I wrapped = (I) new Counting.Single(it, ds -> {
                if (delivered[0]++ == at) {
                    throw new IllegalStateException("corrupt record in batch " + at);
                }
            }, () -> { });
            return wrapped;
        }
        @SuppressWarnings("unchecked")
        I wrapped = (I) new Counting.Multi((MultiDataSetIterator) iterator, mds -> {
            if (delivered[0]++ == at) {
                throw new IllegalStateException("corrupt record in batch " + at);
            }
        }, () -> { });
        return wrapped;
    }

    @Override
    protected ProcessBuilder longRunInChildJvm(Path ledger, Path dataNetDir) {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LongTrainingMain.class.getName(),
                ledger.toString(), dataNetDir.toString());
    }

    /** The child JVM of the shutdown test: trains for ever, printing TRAINING after the first batch. */
    static final class LongTrainingMain {
        public static void main(String[] args) {
            DataNet dn = DataNet.load(Path.of(args[1]));
            DataNetDataSetIterator it = DataNetDataSetIterator.builder(SPLIT, RunSpec.TRAIN)
                    .dataNet(dn, "1", r -> new RecordReaderDataSetIterator(r, 4, ContractData.FEATURES, ContractData.CLASSES))
                    .build();
            ProvenanceTrainingListener provenance = new ProvenanceTrainingListener.Builder(Path.of(args[0]), "long", "1")
                    .data(it).epochs(1_000_000).intendedUse("research", false).build();
            MultiLayerNetwork net = Dl4jNetworks.multiLayer(1);
            net.addListeners(provenance, new org.deeplearning4j.optimize.api.BaseTrainingListener() {
                boolean said;

                @Override
                public void iterationDone(Model model, int iteration, int epoch) {
                    if (!said) {
                        said = true;
                        System.out.println("TRAINING");
                        System.out.flush();
                    }
                }
            });
            net.fit(it, 1_000_000);
        }
    }
}
