package io.datanet.provenance.evm;

/**
 * One use of a DataNet published on chain by a registry in events mode ({@code DataNetUsed}): read
 * straight from the chain, with no ledger.
 *
 * @param dataNetId   the DataNet's id
 * @param modelRef    the model version trained on it, {@code name@version}
 * @param recordId    the id of the provenance record (64 lowercase hex characters)
 * @param transaction the transaction that published it
 * @param block       its block number
 */
public record PublishedUse(String dataNetId, String modelRef, String recordId, String transaction, long block) {}
