// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.28;

/// @title ProvenanceRegistry
/// @notice Public, append-only anchors of DataNet Provenance logs.
/// @dev A log is keyed by the SHA-256 of its C2SP verifier key (`name+keyhash+base64`, UTF-8). For each
///      log the registry keeps a strictly growing sequence of (tree size, RFC 6962 root) anchors: an
///      anchor is accepted only for a size larger than the log's latest, and nothing is ever updated or
///      deleted. The first address to anchor a log is its submitter; only it may anchor that log again.
///      Root mode (`anchor`) costs one storage slot per batch, whatever the batch's size. Events mode
///      (`anchorWithRecords`) also publishes per-record facts as events, so `eth_getLogs` answers
///      "which models used DataNet X" with no ledger at all.
contract ProvenanceRegistry {
    /// One storage slot per log: who anchors it, the latest anchored size and the number of anchors.
    struct Head {
        address submitter;
        uint64 size;
        uint32 count;
    }

    mapping(bytes32 => Head) private heads;
    mapping(bytes32 => mapping(uint64 => bytes32)) private roots;

    /// @notice A log was anchored at `size` with RFC 6962 root `root`.
    event Anchored(bytes32 indexed logId, uint64 size, bytes32 root);

    /// @notice Events mode: the record at `index` of log `logId` has id `recordId` (SHA-256 of its
    ///         canonical bytes) and produced the model version `modelRef` (model name, an at sign and
    ///         the version); `model` is keccak256 of `modelRef`.
    event RecordAnchored(
        bytes32 indexed logId, bytes32 indexed recordId, bytes32 indexed model, uint64 index, string modelRef
    );

    /// @notice Events mode: record `recordId` trained the model version `modelRef` on DataNet
    ///         `dataNetId`; `dataNet` is keccak256 of `dataNetId`, so a filter on that topic lists every
    ///         model trained on the DataNet.
    event DataNetUsed(
        bytes32 indexed dataNet, bytes32 indexed model, bytes32 indexed recordId, string dataNetId, string modelRef
    );

    error NotSubmitter(bytes32 logId, address submitter);
    error SizeNotLarger(bytes32 logId, uint64 size, uint64 latest);
    error EmptyRoot(bytes32 logId, uint64 size);
    error RecordsMismatch(uint256 expected, uint256 recordIds, uint256 modelRefs, uint256 dataNetCounts);
    error DataNetIdsMismatch(uint256 counted, uint256 given);

    /// @notice Anchors log `logId` at tree size `size` with root `root`.
    /// @dev Reverts unless `size` exceeds the latest anchored size, `root` is not zero and the caller is
    ///      the log's submitter (or the log is new).
    function anchor(bytes32 logId, uint64 size, bytes32 root) external {
        _anchor(logId, size, root);
    }

    /// @notice Anchors like `anchor` and publishes one `RecordAnchored` event per record added since the
    ///         latest anchor, plus one `DataNetUsed` event per (record, DataNet).
    /// @param recordIds     the ids of records `latest .. size-1`, in log order
    /// @param modelRefs     each record's `name@version`
    /// @param dataNetCounts how many DataNet ids each record has in `dataNetIds`
    /// @param dataNetIds    the records' DataNet ids, concatenated in record order
    function anchorWithRecords(
        bytes32 logId, uint64 size, bytes32 root,
        bytes32[] calldata recordIds, string[] calldata modelRefs,
        uint8[] calldata dataNetCounts, string[] calldata dataNetIds
    ) external {
        uint64 first = _anchor(logId, size, root);
        uint256 n = recordIds.length;
        if (n != size - first || modelRefs.length != n || dataNetCounts.length != n) {
            revert RecordsMismatch(size - first, n, modelRefs.length, dataNetCounts.length);
        }
        uint256 d = 0;
        for (uint256 i = 0; i < n; i++) {
            bytes32 model = keccak256(bytes(modelRefs[i]));
            uint256 end = d + dataNetCounts[i];
            if (end > dataNetIds.length) {
                revert DataNetIdsMismatch(end, dataNetIds.length);
            }
            emit RecordAnchored(logId, recordIds[i], model, uint64(first + i), modelRefs[i]);
            for (; d < end; d++) {
                emit DataNetUsed(keccak256(bytes(dataNetIds[d])), model, recordIds[i], dataNetIds[d], modelRefs[i]);
            }
        }
        if (d != dataNetIds.length) {
            revert DataNetIdsMismatch(d, dataNetIds.length);
        }
    }

    /// @notice The latest anchor of a log: size 0 and a zero root when it was never anchored.
    function latestAnchor(bytes32 logId)
        external view returns (uint64 size, bytes32 root, address submitter, uint32 count)
    {
        Head memory h = heads[logId];
        return (h.size, roots[logId][h.size], h.submitter, h.count);
    }

    /// @notice The root anchored for a log at exactly `size`, or zero when that size was not anchored.
    function anchorAt(bytes32 logId, uint64 size) external view returns (bytes32 root) {
        return roots[logId][size];
    }

    function _anchor(bytes32 logId, uint64 size, bytes32 root) private returns (uint64 previous) {
        Head memory h = heads[logId];
        if (h.submitter == address(0)) {
            h.submitter = msg.sender;
        } else if (h.submitter != msg.sender) {
            revert NotSubmitter(logId, h.submitter);
        }
        if (size <= h.size) {
            revert SizeNotLarger(logId, size, h.size);
        }
        if (root == bytes32(0)) {
            revert EmptyRoot(logId, size);
        }
        previous = h.size;
        heads[logId] = Head(h.submitter, size, h.count + 1);
        roots[logId][size] = root;
        emit Anchored(logId, size, root);
    }
}
