// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

/// @title Benchmark only: grants with on-chain index arrays
/// @notice Not deployed by the app. The alternative design for reads without an indexer: besides the grant
/// slot, each grant appends to a per-clinician and a per-record array so views can paginate. It exists so
/// `npm run bench:gas` can measure what those index writes cost next to ChartkeyConsent's event-only design.
/// Ownership checks are reduced to one stored owner per record, the same read ChartkeyConsent pays.
contract IndexedGrants {
    struct Grant {
        uint64 expiresAt;
        uint32 version;
        uint32 epoch;
    }

    /// @notice Only the record's owner may grant.
    error NotOwner();

    /// @notice Same shape as ChartkeyConsent's event, so the log cost is identical.
    /// @param patient The record's patient.
    /// @param clinician The clinician.
    /// @param recordId The record.
    /// @param expiresAt Expiry.
    /// @param clinicianLocator Sealed locator.
    event AccessGranted(
        address indexed patient,
        address indexed clinician,
        uint256 indexed recordId,
        uint64 expiresAt,
        bytes clinicianLocator
    );

    mapping(uint256 recordId => address owner) private _owners;
    mapping(uint256 recordId => mapping(address clinician => Grant)) private _grants;
    mapping(address clinician => uint256[] recordIds) private _clinicianRecords;
    mapping(uint256 recordId => address[] clinicians) private _recordClinicians;

    /// @notice Creates a record owned by the caller.
    /// @param recordId Any unused id.
    function addRecord(uint256 recordId) external {
        _owners[recordId] = msg.sender;
    }

    /// @notice Grants and indexes the grant in both directions.
    /// @param recordId The caller's record.
    /// @param clinician The clinician.
    /// @param expiresAt Expiry.
    /// @param clinicianLocator Sealed locator.
    function grantAccess(uint256 recordId, address clinician, uint64 expiresAt, bytes calldata clinicianLocator)
        external
    {
        if (_owners[recordId] != msg.sender) revert NotOwner();
        _grants[recordId][clinician] = Grant({expiresAt: expiresAt, version: 1, epoch: 0});
        _clinicianRecords[clinician].push(recordId);
        _recordClinicians[recordId].push(clinician);
        emit AccessGranted(msg.sender, clinician, recordId, expiresAt, clinicianLocator);
    }

    /// @notice One page of the record ids granted to a clinician.
    /// @param clinician The clinician.
    /// @param offset First index.
    /// @param limit Most entries returned.
    /// @return page The record ids.
    function clinicianRecords(address clinician, uint256 offset, uint256 limit)
        external
        view
        returns (uint256[] memory page)
    {
        uint256[] storage all = _clinicianRecords[clinician];
        uint256 end = offset + limit > all.length ? all.length : offset + limit;
        if (!(offset < end)) return new uint256[](0);
        page = new uint256[](end - offset);
        for (uint256 i = offset; i < end; ++i) {
            page[i - offset] = all[i];
        }
    }
}
