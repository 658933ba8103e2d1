package io.datanet.provenance.dl4j;

import java.io.Serializable;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

/** Records a provenance record for every fit of a MultiLayerNetwork or ComputationGraph. */
public final class ProvenanceTrainingListener extends BaseTrainingListener implements Serializable {
    private static final long serialVersionUID = 1L;
}
