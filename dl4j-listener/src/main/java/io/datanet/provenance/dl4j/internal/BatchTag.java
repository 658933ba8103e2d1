package io.datanet.provenance.dl4j.internal;

/**
 * What one batch delivered by a DataNet iterator holds: which DataNet, which partition, how many samples.
 *
 * @param dataNet   the DataNet id
 * @param partition the partition name
 * @param samples   the number of examples in the batch
 */
public record BatchTag(String dataNet, String partition, long samples) {}
