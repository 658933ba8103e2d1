package io.datanet.provenance.evm;

import io.datanet.provenance.Digest;
import io.datanet.provenance.anchor.Anchor;
import io.datanet.provenance.anchor.AnchorException;
import io.datanet.provenance.anchor.LogId;
import io.datanet.provenance.anchor.RecordFact;
import io.datanet.provenance.evm.internal.ProvenanceRegistry;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.datatypes.Event;
import org.web3j.crypto.Hash;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.utils.Numeric;

/** Reads the registry's events with {@code eth_getLogs}: the anchor history and the events-mode facts. */
final class RegistryEvents {
    private final Web3j web3j;
    private final String address;
    private final long fromBlock;
    private final String target;
    private final long window;

    RegistryEvents(Web3j web3j, String address, long fromBlock, long window, String target) {
        this.window = window;
        this.web3j = web3j;
        this.address = address;
        this.fromBlock = fromBlock;
        this.target = target;
    }

    List<Anchor> anchors(LogId logId) {
        List<Anchor> out = new ArrayList<>();
        for (Log log : logs(ProvenanceRegistry.ANCHORED_EVENT, fromBlock, null, Numeric.toHexString(logId.value().bytes()))) {
            ProvenanceRegistry.AnchoredEventResponse e = ProvenanceRegistry.getAnchoredEventFromLog(log);
            out.add(new Anchor(logId, e.size.longValueExact(), Digest.of(e.root)));
        }
        out.sort(Comparator.comparingLong(Anchor::size));
        return out;
    }

    List<RecordFact> facts(LogId logId, long from, long to) {
        List<ProvenanceRegistry.RecordAnchoredEventResponse> records = new ArrayList<>();
        long minBlock = Long.MAX_VALUE;
        long maxBlock = -1;
        for (Log log : logs(ProvenanceRegistry.RECORDANCHORED_EVENT, fromBlock, null,
                Numeric.toHexString(logId.value().bytes()))) {
            ProvenanceRegistry.RecordAnchoredEventResponse e = ProvenanceRegistry.getRecordAnchoredEventFromLog(log);
            long index = e.index.longValueExact();
            if (index >= from && index < to) {
                records.add(e);
                minBlock = Math.min(minBlock, log.getBlockNumber().longValueExact());
                maxBlock = Math.max(maxBlock, log.getBlockNumber().longValueExact());
            }
        }
        if (records.isEmpty()) {
            return List.of();
        }
        Map<String, List<String>> dataNets = new HashMap<>();
        for (Log log : logs(ProvenanceRegistry.DATANETUSED_EVENT, minBlock, maxBlock, null)) {
            ProvenanceRegistry.DataNetUsedEventResponse e = ProvenanceRegistry.getDataNetUsedEventFromLog(log);
            dataNets.computeIfAbsent(Numeric.toHexStringNoPrefix(e.recordId), k -> new ArrayList<>()).add(e.dataNetId);
        }
        List<RecordFact> out = new ArrayList<>();
        for (ProvenanceRegistry.RecordAnchoredEventResponse e : records) {
            String id = Numeric.toHexStringNoPrefix(e.recordId);
            out.add(new RecordFact(e.index.longValueExact(), Digest.of(e.recordId), e.modelRef,
                    dataNets.getOrDefault(id, List.of())));
        }
        out.sort(Comparator.comparingLong(RecordFact::index));
        return out;
    }

    List<PublishedUse> usesOf(String dataNetId) {
        String topic = Hash.sha3(Numeric.toHexString(dataNetId.getBytes(StandardCharsets.UTF_8)));
        List<PublishedUse> out = new ArrayList<>();
        for (Log log : logs(ProvenanceRegistry.DATANETUSED_EVENT, fromBlock, null, topic)) {
            ProvenanceRegistry.DataNetUsedEventResponse e = ProvenanceRegistry.getDataNetUsedEventFromLog(log);
            out.add(new PublishedUse(e.dataNetId, e.modelRef, Numeric.toHexStringNoPrefix(e.recordId),
                    log.getTransactionHash(), log.getBlockNumber().longValueExact()));
        }
        return out;
    }

    /**
     * The event's logs from the registry in {@code [from, to]} (to null: the latest block), optionally with a
     * first topic, read in windows of blocks because public nodes cap the range of one query.
     */
    private List<Log> logs(Event event, long from, Long to, String firstTopic) {
        try {
            long last = to != null ? to : web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
            List<Log> out = new ArrayList<>();
            for (long start = from; start <= last; start += window) {
                EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(start)),
                        DefaultBlockParameter.valueOf(BigInteger.valueOf(Math.min(last, start + window - 1))), address);
                filter.addSingleTopic(EventEncoder.encode(event));
                if (firstTopic != null) {
                    filter.addSingleTopic(firstTopic);
                }
                EthLog response = web3j.ethGetLogs(filter).send();
                if (response.hasError()) {
                    throw new AnchorException(target, "cannot read the registry's events: " + response.getError().getMessage(), true);
                }
                for (EthLog.LogResult<?> r : response.getLogs()) {
                    if (r.get() instanceof Log log && !log.isRemoved()) {
                        out.add(log);
                    }
                }
            }
            return out;
        } catch (IOException | RuntimeException e) {
            if (e instanceof AnchorException a) {
                throw a;
            }
            throw new AnchorException(target, "cannot read the registry's events: " + e.getMessage(), true, e);
        }
    }
}
