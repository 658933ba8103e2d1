package io.datanet.provenance.testkit;

import io.datanet.provenance.Digest;
import java.util.Map;

/**
 * What a harness saw of a run, independently of the code under test.
 *
 * @param samples           samples fed to the model per DataNet id and epoch, counted by the harness from the
 *                          tag column of the batches themselves
 * @param batches           batches per DataNet id and epoch, counted the same way
 * @param independentDigest the model digest computed by the harness from the trained network's parameter
 *                          values (element by element, following docs/model-digest.md), null when no model
 * @param model             the trained model, for a later fine-tune
 * @param thrown            what fit or the run's setup threw, or null
 */
public record RunOutcome(Map<String, Map<Integer, Long>> samples, Map<String, Map<Integer, Long>> batches,
                         Digest independentDigest, Object model, Throwable thrown) {}
