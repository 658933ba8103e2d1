/**
 * Benchmarks of the core ledger against the raw limits measured in the same run: durable and bulk
 * appends against plain SQLite with the same pragmas, leaf hashing against plain SHA-256, proofs and
 * storage at one million records. See {@code benchmarks/run.sh} and {@code BENCHMARKS.md}.
 */
package io.datanet.provenance.benchmarks;
