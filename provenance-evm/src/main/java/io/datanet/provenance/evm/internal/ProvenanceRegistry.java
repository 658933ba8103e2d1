package io.datanet.provenance.evm.internal;

import io.reactivex.Flowable;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.RemoteCall;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.BaseEventResponse;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tuples.generated.Tuple4;
import org.web3j.tx.Contract;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;

/**
 * <p>Auto generated code.
 * <p><strong>Do not modify!</strong>
 * <p>Please use the <a href="https://docs.web3j.io/command_line.html">web3j command line tools</a>,
 * or the org.web3j.codegen.SolidityFunctionWrapperGenerator in the 
 * <a href="https://github.com/hyperledger-web3j/web3j/tree/main/codegen">codegen module</a> to update.
 *
 * <p>Generated with web3j version 4.13.0.
 */
@SuppressWarnings("rawtypes")
public class ProvenanceRegistry extends Contract {
    public static final String BINARY = "608080604052346015576109d0908161001a8239f35b5f80fdfe60806040526004361015610011575f80fd5b5f3560e01c806370c127c6146104e05780638c0d67781461047c578063a55a4697146101275763b629d6fd14610045575f80fd5b346101235760207ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc360112610123576080600435805f525f60205260405f2061008c61064c565b905473ffffffffffffffffffffffffffffffffffffffff8116825267ffffffffffffffff8160a01c16926020830190848252604084019260e01c83525f52600160205267ffffffffffffffff8060405f20925116165f5260205263ffffffff73ffffffffffffffffffffffffffffffffffffffff60405f205493511691511691604051938452602084015260408301526060820152f35b5f80fd5b346101235760e07ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc36011261012357600435610161610528565b9060643567ffffffffffffffff81116101235761018290369060040161053f565b9260843567ffffffffffffffff8111610123576101a390369060040161053f565b949060a43567ffffffffffffffff8111610123576101c590369060040161053f565b94909160c43567ffffffffffffffff8111610123576101e890369060040161053f565b9890946101f8604435888b610769565b9667ffffffffffffffff61020c8983610570565b168214801590610472575b8015610468575b61041257505f9867ffffffffffffffff9097169796895b828110610275578b8b81810361024757005b7f10f71284000000000000000000000000000000000000000000000000000000005f5260045260245260445ffd5b61028a6102838286886105bf565b3691610699565b6020815191012061029c828b8a61070e565b3560ff8116809103610123576102b2908d61071e565b908d82116103e257908d818e848f887f3d0460f9ce39e3d550b0b6764abcb818e53eb5b36946ce5570ae1b69e38a1ef96103318f8f908f8f9067ffffffffffffffff8f92836103088161030f936103169861070e565b359a61071e565b16936105bf565b9290604051938493845260406020850152604084019161072b565b0390a45b1061034557505050600101610235565b9c8a839e938a7fc7f617b238fb162375975e196eef159537e71a2f16706050735d018dc5ee8adf8b8b6103d46103af8b6103a78f8d6103a060019e9f8e936103938f868994610283926105bf565b602081519101209c61070e565b359b6105bf565b9490956105bf565b6103c660405195869560408752604087019161072b565b91848303602086015261072b565b0390a4019b908d818e610335565b8d827f10f71284000000000000000000000000000000000000000000000000000000005f5260045260245260445ffd5b608492610420898b93610570565b9267ffffffffffffffff604051947f98d008e6000000000000000000000000000000000000000000000000000000008652166004850152602484015260448301526064820152fd5b508189141561021e565b5081831415610217565b346101235760407ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc360112610123576104b3610528565b6004355f52600160205267ffffffffffffffff60405f2091165f52602052602060405f2054604051908152f35b346101235760607ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffc3601126101235761052661051a610528565b60443590600435610769565b005b6024359067ffffffffffffffff8216820361012357565b9181601f840112156101235782359167ffffffffffffffff8311610123576020808501948460051b01011161012357565b9067ffffffffffffffff8091169116039067ffffffffffffffff821161059257565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52601160045260245ffd5b919081101561061f5760051b810135907fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe18136030182121561012357019081359167ffffffffffffffff8311610123576020018236038113610123579190565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52603260045260245ffd5b604051906060820182811067ffffffffffffffff82111761066c57604052565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52604160045260245ffd5b92919267ffffffffffffffff821161066c57604051917fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe0603f81601f8401160116830183811067ffffffffffffffff82111761066c57604052829481845281830111610123578281602093845f960137010152565b919081101561061f5760051b0190565b9190820180921161059257565b601f82602094937fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe093818652868601375f8582860101520116010190565b90929192815f525f60205260405f209361078161064c565b94549173ffffffffffffffffffffffffffffffffffffffff8316808752602087019067ffffffffffffffff8560a01c168252604088019460e01c855280155f1461095e57503387525b67ffffffffffffffff808251169216918083111561092b575082156108fb5763ffffffff73ffffffffffffffffffffffffffffffffffffffff67ffffffffffffffff6001935116985116945116019163ffffffff8311610592577fbea4d11b910aad40d2df2a90d97a3329219b6389f85777c99daad7eb5fafd4399360409361085161064c565b9182526020820184815263ffffffff86840192168252875f525f6020527fffffffff000000000000000000000000000000000000000000000000000000007bffffffffffffffff000000000000000000000000000000000000000073ffffffffffffffffffffffffffffffffffffffff885f20955116925160a01b16925160e01b169117179055845f526001602052825f20825f5260205280835f205582519182526020820152a2565b50837f6dec1925000000000000000000000000000000000000000000000000000000005f5260045260245260445ffd5b82867f4af552c6000000000000000000000000000000000000000000000000000000005f5260045260245260445260645ffd5b33810361096b57506107ca565b857fd4bae604000000000000000000000000000000000000000000000000000000005f5260045260245260445ffdfea2646970667358221220a0e9b56d0d79f4e5f4ceb9da0be67c895743dd1afaf94b0c939fd0913caecc6564736f6c634300081c0033";

    private static String librariesLinkedBinary;

    public static final String FUNC_ANCHOR = "anchor";

    public static final String FUNC_ANCHORAT = "anchorAt";

    public static final String FUNC_ANCHORWITHRECORDS = "anchorWithRecords";

    public static final String FUNC_LATESTANCHOR = "latestAnchor";

    public static final Event ANCHORED_EVENT = new Event("Anchored", 
            Arrays.<TypeReference<?>>asList(new TypeReference<Bytes32>(true) {}, new TypeReference<Uint64>() {}, new TypeReference<Bytes32>() {}));
    ;

    public static final Event DATANETUSED_EVENT = new Event("DataNetUsed", 
            Arrays.<TypeReference<?>>asList(new TypeReference<Bytes32>(true) {}, new TypeReference<Bytes32>(true) {}, new TypeReference<Bytes32>(true) {}, new TypeReference<Utf8String>() {}, new TypeReference<Utf8String>() {}));
    ;

    public static final Event RECORDANCHORED_EVENT = new Event("RecordAnchored", 
            Arrays.<TypeReference<?>>asList(new TypeReference<Bytes32>(true) {}, new TypeReference<Bytes32>(true) {}, new TypeReference<Bytes32>(true) {}, new TypeReference<Uint64>() {}, new TypeReference<Utf8String>() {}));
    ;

    @Deprecated
    protected ProvenanceRegistry(String contractAddress, Web3j web3j, Credentials credentials,
            BigInteger gasPrice, BigInteger gasLimit) {
        super(BINARY, contractAddress, web3j, credentials, gasPrice, gasLimit);
    }

    protected ProvenanceRegistry(String contractAddress, Web3j web3j, Credentials credentials,
            ContractGasProvider contractGasProvider) {
        super(BINARY, contractAddress, web3j, credentials, contractGasProvider);
    }

    @Deprecated
    protected ProvenanceRegistry(String contractAddress, Web3j web3j,
            TransactionManager transactionManager, BigInteger gasPrice, BigInteger gasLimit) {
        super(BINARY, contractAddress, web3j, transactionManager, gasPrice, gasLimit);
    }

    protected ProvenanceRegistry(String contractAddress, Web3j web3j,
            TransactionManager transactionManager, ContractGasProvider contractGasProvider) {
        super(BINARY, contractAddress, web3j, transactionManager, contractGasProvider);
    }

    public static List<AnchoredEventResponse> getAnchoredEvents(
            TransactionReceipt transactionReceipt) {
        List<Contract.EventValuesWithLog> valueList = staticExtractEventParametersWithLog(ANCHORED_EVENT, transactionReceipt);
        ArrayList<AnchoredEventResponse> responses = new ArrayList<AnchoredEventResponse>(valueList.size());
        for (Contract.EventValuesWithLog eventValues : valueList) {
            AnchoredEventResponse typedResponse = new AnchoredEventResponse();
            typedResponse.log = eventValues.getLog();
            typedResponse.logId = (byte[]) eventValues.getIndexedValues().get(0).getValue();
            typedResponse.size = (BigInteger) eventValues.getNonIndexedValues().get(0).getValue();
            typedResponse.root = (byte[]) eventValues.getNonIndexedValues().get(1).getValue();
            responses.add(typedResponse);
        }
        return responses;
    }

    public static AnchoredEventResponse getAnchoredEventFromLog(Log log) {
        Contract.EventValuesWithLog eventValues = staticExtractEventParametersWithLog(ANCHORED_EVENT, log);
        AnchoredEventResponse typedResponse = new AnchoredEventResponse();
        typedResponse.log = log;
        typedResponse.logId = (byte[]) eventValues.getIndexedValues().get(0).getValue();
        typedResponse.size = (BigInteger) eventValues.getNonIndexedValues().get(0).getValue();
        typedResponse.root = (byte[]) eventValues.getNonIndexedValues().get(1).getValue();
        return typedResponse;
    }

    public Flowable<AnchoredEventResponse> anchoredEventFlowable(EthFilter filter) {
        return web3j.ethLogFlowable(filter).map(log -> getAnchoredEventFromLog(log));
    }

    public Flowable<AnchoredEventResponse> anchoredEventFlowable(DefaultBlockParameter startBlock,
            DefaultBlockParameter endBlock) {
        EthFilter filter = new EthFilter(startBlock, endBlock, getContractAddress());
        filter.addSingleTopic(EventEncoder.encode(ANCHORED_EVENT));
        return anchoredEventFlowable(filter);
    }

    public static List<DataNetUsedEventResponse> getDataNetUsedEvents(
            TransactionReceipt transactionReceipt) {
        List<Contract.EventValuesWithLog> valueList = staticExtractEventParametersWithLog(DATANETUSED_EVENT, transactionReceipt);
        ArrayList<DataNetUsedEventResponse> responses = new ArrayList<DataNetUsedEventResponse>(valueList.size());
        for (Contract.EventValuesWithLog eventValues : valueList) {
            DataNetUsedEventResponse typedResponse = new DataNetUsedEventResponse();
            typedResponse.log = eventValues.getLog();
            typedResponse.dataNet = (byte[]) eventValues.getIndexedValues().get(0).getValue();
            typedResponse.model = (byte[]) eventValues.getIndexedValues().get(1).getValue();
            typedResponse.recordId = (byte[]) eventValues.getIndexedValues().get(2).getValue();
            typedResponse.dataNetId = (String) eventValues.getNonIndexedValues().get(0).getValue();
            typedResponse.modelRef = (String) eventValues.getNonIndexedValues().get(1).getValue();
            responses.add(typedResponse);
        }
        return responses;
    }

    public static DataNetUsedEventResponse getDataNetUsedEventFromLog(Log log) {
        Contract.EventValuesWithLog eventValues = staticExtractEventParametersWithLog(DATANETUSED_EVENT, log);
        DataNetUsedEventResponse typedResponse = new DataNetUsedEventResponse();
        typedResponse.log = log;
        typedResponse.dataNet = (byte[]) eventValues.getIndexedValues().get(0).getValue();
        typedResponse.model = (byte[]) eventValues.getIndexedValues().get(1).getValue();
        typedResponse.recordId = (byte[]) eventValues.getIndexedValues().get(2).getValue();
        typedResponse.dataNetId = (String) eventValues.getNonIndexedValues().get(0).getValue();
        typedResponse.modelRef = (String) eventValues.getNonIndexedValues().get(1).getValue();
        return typedResponse;
    }

    public Flowable<DataNetUsedEventResponse> dataNetUsedEventFlowable(EthFilter filter) {
        return web3j.ethLogFlowable(filter).map(log -> getDataNetUsedEventFromLog(log));
    }

    public Flowable<DataNetUsedEventResponse> dataNetUsedEventFlowable(
            DefaultBlockParameter startBlock, DefaultBlockParameter endBlock) {
        EthFilter filter = new EthFilter(startBlock, endBlock, getContractAddress());
        filter.addSingleTopic(EventEncoder.encode(DATANETUSED_EVENT));
        return dataNetUsedEventFlowable(filter);
    }

    public static List<RecordAnchoredEventResponse> getRecordAnchoredEvents(
            TransactionReceipt transactionReceipt) {
        List<Contract.EventValuesWithLog> valueList = staticExtractEventParametersWithLog(RECORDANCHORED_EVENT, transactionReceipt);
        ArrayList<RecordAnchoredEventResponse> responses = new ArrayList<RecordAnchoredEventResponse>(valueList.size());
        for (Contract.EventValuesWithLog eventValues : valueList) {
            RecordAnchoredEventResponse typedResponse = new RecordAnchoredEventResponse();
            typedResponse.log = eventValues.getLog();
            typedResponse.logId = (byte[]) eventValues.getIndexedValues().get(0).getValue();
            typedResponse.recordId = (byte[]) eventValues.getIndexedValues().get(1).getValue();
            typedResponse.model = (byte[]) eventValues.getIndexedValues().get(2).getValue();
            typedResponse.index = (BigInteger) eventValues.getNonIndexedValues().get(0).getValue();
            typedResponse.modelRef = (String) eventValues.getNonIndexedValues().get(1).getValue();
            responses.add(typedResponse);
        }
        return responses;
    }

    public static RecordAnchoredEventResponse getRecordAnchoredEventFromLog(Log log) {
        Contract.EventValuesWithLog eventValues = staticExtractEventParametersWithLog(RECORDANCHORED_EVENT, log);
        RecordAnchoredEventResponse typedResponse = new RecordAnchoredEventResponse();
        typedResponse.log = log;
        typedResponse.logId = (byte[]) eventValues.getIndexedValues().get(0).getValue();
        typedResponse.recordId = (byte[]) eventValues.getIndexedValues().get(1).getValue();
        typedResponse.model = (byte[]) eventValues.getIndexedValues().get(2).getValue();
        typedResponse.index = (BigInteger) eventValues.getNonIndexedValues().get(0).getValue();
        typedResponse.modelRef = (String) eventValues.getNonIndexedValues().get(1).getValue();
        return typedResponse;
    }

    public Flowable<RecordAnchoredEventResponse> recordAnchoredEventFlowable(EthFilter filter) {
        return web3j.ethLogFlowable(filter).map(log -> getRecordAnchoredEventFromLog(log));
    }

    public Flowable<RecordAnchoredEventResponse> recordAnchoredEventFlowable(
            DefaultBlockParameter startBlock, DefaultBlockParameter endBlock) {
        EthFilter filter = new EthFilter(startBlock, endBlock, getContractAddress());
        filter.addSingleTopic(EventEncoder.encode(RECORDANCHORED_EVENT));
        return recordAnchoredEventFlowable(filter);
    }

    public RemoteFunctionCall<TransactionReceipt> anchor(byte[] logId, BigInteger size,
            byte[] root) {
        final Function function = new Function(
                FUNC_ANCHOR, 
                Arrays.<Type>asList(new org.web3j.abi.datatypes.generated.Bytes32(logId), 
                new org.web3j.abi.datatypes.generated.Uint64(size), 
                new org.web3j.abi.datatypes.generated.Bytes32(root)), 
                Collections.<TypeReference<?>>emptyList());
        return executeRemoteCallTransaction(function);
    }

    public RemoteFunctionCall<byte[]> anchorAt(byte[] logId, BigInteger size) {
        final Function function = new Function(FUNC_ANCHORAT, 
                Arrays.<Type>asList(new org.web3j.abi.datatypes.generated.Bytes32(logId), 
                new org.web3j.abi.datatypes.generated.Uint64(size)), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Bytes32>() {}));
        return executeRemoteCallSingleValueReturn(function, byte[].class);
    }

    public RemoteFunctionCall<TransactionReceipt> anchorWithRecords(byte[] logId, BigInteger size,
            byte[] root, List<byte[]> recordIds, List<String> modelRefs,
            List<BigInteger> dataNetCounts, List<String> dataNetIds) {
        final Function function = new Function(
                FUNC_ANCHORWITHRECORDS, 
                Arrays.<Type>asList(new org.web3j.abi.datatypes.generated.Bytes32(logId), 
                new org.web3j.abi.datatypes.generated.Uint64(size), 
                new org.web3j.abi.datatypes.generated.Bytes32(root), 
                new org.web3j.abi.datatypes.DynamicArray<org.web3j.abi.datatypes.generated.Bytes32>(
                        org.web3j.abi.datatypes.generated.Bytes32.class,
                        org.web3j.abi.Utils.typeMap(recordIds, org.web3j.abi.datatypes.generated.Bytes32.class)), 
                new org.web3j.abi.datatypes.DynamicArray<org.web3j.abi.datatypes.Utf8String>(
                        org.web3j.abi.datatypes.Utf8String.class,
                        org.web3j.abi.Utils.typeMap(modelRefs, org.web3j.abi.datatypes.Utf8String.class)), 
                new org.web3j.abi.datatypes.DynamicArray<org.web3j.abi.datatypes.generated.Uint8>(
                        org.web3j.abi.datatypes.generated.Uint8.class,
                        org.web3j.abi.Utils.typeMap(dataNetCounts, org.web3j.abi.datatypes.generated.Uint8.class)), 
                new org.web3j.abi.datatypes.DynamicArray<org.web3j.abi.datatypes.Utf8String>(
                        org.web3j.abi.datatypes.Utf8String.class,
                        org.web3j.abi.Utils.typeMap(dataNetIds, org.web3j.abi.datatypes.Utf8String.class))), 
                Collections.<TypeReference<?>>emptyList());
        return executeRemoteCallTransaction(function);
    }

    public RemoteFunctionCall<Tuple4<BigInteger, byte[], String, BigInteger>> latestAnchor(
            byte[] logId) {
        final Function function = new Function(FUNC_LATESTANCHOR, 
                Arrays.<Type>asList(new org.web3j.abi.datatypes.generated.Bytes32(logId)), 
                Arrays.<TypeReference<?>>asList(new TypeReference<Uint64>() {}, new TypeReference<Bytes32>() {}, new TypeReference<Address>() {}, new TypeReference<Uint32>() {}));
        return new RemoteFunctionCall<Tuple4<BigInteger, byte[], String, BigInteger>>(function,
                new Callable<Tuple4<BigInteger, byte[], String, BigInteger>>() {
                    @Override
                    public Tuple4<BigInteger, byte[], String, BigInteger> call() throws Exception {
                        List<Type> results = executeCallMultipleValueReturn(function);
                        return new Tuple4<BigInteger, byte[], String, BigInteger>(
                                (BigInteger) results.get(0).getValue(), 
                                (byte[]) results.get(1).getValue(), 
                                (String) results.get(2).getValue(), 
                                (BigInteger) results.get(3).getValue());
                    }
                });
    }

    @Deprecated
    public static ProvenanceRegistry load(String contractAddress, Web3j web3j,
            Credentials credentials, BigInteger gasPrice, BigInteger gasLimit) {
        return new ProvenanceRegistry(contractAddress, web3j, credentials, gasPrice, gasLimit);
    }

    @Deprecated
    public static ProvenanceRegistry load(String contractAddress, Web3j web3j,
            TransactionManager transactionManager, BigInteger gasPrice, BigInteger gasLimit) {
        return new ProvenanceRegistry(contractAddress, web3j, transactionManager, gasPrice, gasLimit);
    }

    public static ProvenanceRegistry load(String contractAddress, Web3j web3j,
            Credentials credentials, ContractGasProvider contractGasProvider) {
        return new ProvenanceRegistry(contractAddress, web3j, credentials, contractGasProvider);
    }

    public static ProvenanceRegistry load(String contractAddress, Web3j web3j,
            TransactionManager transactionManager, ContractGasProvider contractGasProvider) {
        return new ProvenanceRegistry(contractAddress, web3j, transactionManager, contractGasProvider);
    }

    public static RemoteCall<ProvenanceRegistry> deploy(Web3j web3j, Credentials credentials,
            ContractGasProvider contractGasProvider) {
        return deployRemoteCall(ProvenanceRegistry.class, web3j, credentials, contractGasProvider, getDeploymentBinary(), "");
    }

    @Deprecated
    public static RemoteCall<ProvenanceRegistry> deploy(Web3j web3j, Credentials credentials,
            BigInteger gasPrice, BigInteger gasLimit) {
        return deployRemoteCall(ProvenanceRegistry.class, web3j, credentials, gasPrice, gasLimit, getDeploymentBinary(), "");
    }

    public static RemoteCall<ProvenanceRegistry> deploy(Web3j web3j,
            TransactionManager transactionManager, ContractGasProvider contractGasProvider) {
        return deployRemoteCall(ProvenanceRegistry.class, web3j, transactionManager, contractGasProvider, getDeploymentBinary(), "");
    }

    @Deprecated
    public static RemoteCall<ProvenanceRegistry> deploy(Web3j web3j,
            TransactionManager transactionManager, BigInteger gasPrice, BigInteger gasLimit) {
        return deployRemoteCall(ProvenanceRegistry.class, web3j, transactionManager, gasPrice, gasLimit, getDeploymentBinary(), "");
    }

    public static void linkLibraries(List<Contract.LinkReference> references) {
        librariesLinkedBinary = linkBinaryWithReferences(BINARY, references);
    }

    private static String getDeploymentBinary() {
        if (librariesLinkedBinary != null) {
            return librariesLinkedBinary;
        } else {
            return BINARY;
        }
    }

    public static class AnchoredEventResponse extends BaseEventResponse {
        public byte[] logId;

        public BigInteger size;

        public byte[] root;
    }

    public static class DataNetUsedEventResponse extends BaseEventResponse {
        public byte[] dataNet;

        public byte[] model;

        public byte[] recordId;

        public String dataNetId;

        public String modelRef;
    }

    public static class RecordAnchoredEventResponse extends BaseEventResponse {
        public byte[] logId;

        public byte[] recordId;

        public byte[] model;

        public BigInteger index;

        public String modelRef;
    }
}
