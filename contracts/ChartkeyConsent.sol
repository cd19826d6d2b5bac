// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title Chartkey consent registry
/// @notice Records which clinician may read which of a patient's encrypted health records, and until when.
/// @dev Privacy: nothing stored or emitted here describes record content. A record is known on-chain only by
/// a numeric id. Where its ciphertext lives (the IPFS CID) and the key that opens it travel inside *sealed
/// locators*: opaque bytes the app seals in the browser to one reader's X25519 public key. Locators are
/// carried in event data (calldata → logs), never in storage, so a grant costs one packed storage slot plus
/// a log, and the app reads history with `eth_getLogs` (every state change emits an event with indexed
/// topics) without an indexer.
///
/// No OpenZeppelin import: the contract has no owner, no upgrade path, makes no external calls and holds
/// no funds, so Ownable / ReentrancyGuard / proxies would add code and attack surface without a use.
contract ChartkeyConsent {
    /// @dev One storage slot: 160 + 32 + 8 bits. `patient == address(0)` means the record does not exist.
    struct Record {
        address patient;
        uint32 version;
        bool removed;
    }

    /// @dev One storage slot: 64 + 32 bits. `expiresAt == 0` means no grant.
    struct Grant {
        uint64 expiresAt;
        uint32 version;
    }

    /// @notice The account has no encryption key registered, so nothing can be sealed to it.
    /// @param account The account without a key.
    error EncryptionKeyNotRegistered(address account);
    /// @notice Only the record's patient may do this.
    /// @param recordId The record acted on.
    /// @param caller The account that tried.
    error NotRecordPatient(uint256 recordId, address caller);
    /// @notice No record has this id.
    /// @param recordId The id asked for.
    error UnknownRecord(uint256 recordId);
    /// @notice The record was removed by its patient and can no longer change or be shared.
    /// @param recordId The removed record.
    error RecordIsRemoved(uint256 recordId);
    /// @notice An access expiry must be later than the current block's timestamp.
    /// @param expiresAt The expiry that was given.
    error ExpiryNotInFuture(uint64 expiresAt);
    /// @notice The clinician is the zero address or the patient themself.
    /// @param clinician The address that was given.
    error InvalidClinician(address clinician);
    /// @notice A sealed locator must not be empty.
    error EmptyLocator();
    /// @notice The batch's arrays must have the same length.
    error LengthMismatch();
    /// @notice The clinician has no active (unexpired, current-version) grant on the record.
    /// @param recordId The record.
    /// @param clinician The clinician.
    error NoActiveGrant(uint256 recordId, address clinician);
    /// @notice An encryption key must not be zero.
    error ZeroKey();

    /// @notice An account registered (or rotated) its X25519 encryption public key.
    /// @param account The account.
    /// @param publicKey Its new X25519 public key.
    event EncryptionKeyRegistered(address indexed account, bytes32 publicKey);
    /// @notice A patient added a record.
    /// @param patient The record's patient.
    /// @param recordId The new record's id.
    /// @param patientLocator The record's CID and content key, sealed to the patient's own key.
    event RecordAdded(address indexed patient, uint256 indexed recordId, bytes patientLocator);
    /// @notice A patient replaced a record's content (e.g. re-encrypted under a new key); older grants lapse.
    /// @param patient The record's patient.
    /// @param recordId The record.
    /// @param version The record's new version.
    /// @param patientLocator The new content's CID and key, sealed to the patient's own key.
    event RecordReplaced(address indexed patient, uint256 indexed recordId, uint32 version, bytes patientLocator);
    /// @notice A patient removed a record; nobody has access to it any more.
    /// @param patient The record's patient.
    /// @param recordId The record.
    event RecordRemoved(address indexed patient, uint256 indexed recordId);
    /// @notice A patient granted (or re-granted, overwriting the expiry) a clinician access to a record.
    /// @param patient The record's patient.
    /// @param clinician The clinician.
    /// @param recordId The record.
    /// @param expiresAt Unix time (seconds) from which access is over.
    /// @param clinicianLocator The record's CID and content key, sealed to the clinician's key.
    event AccessGranted(
        address indexed patient,
        address indexed clinician,
        uint256 indexed recordId,
        uint64 expiresAt,
        bytes clinicianLocator
    );
    /// @notice A patient revoked a clinician's access to a record.
    /// @param patient The record's patient.
    /// @param clinician The clinician.
    /// @param recordId The record.
    event AccessRevoked(address indexed patient, address indexed clinician, uint256 indexed recordId);

    /// @dev The id of the most recently added record; ids start at 1 so 0 never names a record.
    uint256 private _lastRecordId;
    /// @dev Each account's X25519 public key, to which locators for it are sealed.
    mapping(address account => bytes32 publicKey) private _encryptionKeys;
    /// @dev Record state; locators are only in events.
    mapping(uint256 recordId => Record) private _records;
    /// @dev The latest grant per record and clinician; a re-grant overwrites it, a revoke deletes it.
    mapping(uint256 recordId => mapping(address clinician => Grant)) private _grants;

    /// @notice Registers the caller's X25519 public key, or rotates it.
    /// @dev Rotating does not touch existing grants: their locators stay sealed to the old key, so the app
    /// re-grants what should stay readable.
    /// @param publicKey The caller's X25519 public key; must not be zero.
    function registerEncryptionKey(bytes32 publicKey) external {
        if (publicKey == bytes32(0)) revert ZeroKey();
        _encryptionKeys[msg.sender] = publicKey;
        emit EncryptionKeyRegistered(msg.sender, publicKey);
    }

    /// @notice Adds a record owned by the caller.
    /// @param patientLocator The record's CID and content key sealed to the caller's own key; must not be empty.
    /// @return recordId The new record's id.
    function addRecord(bytes calldata patientLocator) external returns (uint256 recordId) {
        if (_encryptionKeys[msg.sender] == bytes32(0)) revert EncryptionKeyNotRegistered(msg.sender);
        if (patientLocator.length == 0) revert EmptyLocator();
        recordId = ++_lastRecordId;
        _records[recordId] = Record({patient: msg.sender, version: 1, removed: false});
        emit RecordAdded(msg.sender, recordId, patientLocator);
    }

    /// @notice Replaces a record's content, bumping its version so every earlier grant stops giving access.
    /// @param recordId The caller's record.
    /// @param newPatientLocator The new content's CID and key sealed to the caller's own key; must not be empty.
    /// @return version The record's new version.
    function replaceRecord(uint256 recordId, bytes calldata newPatientLocator) external returns (uint32 version) {
        Record storage record = _patientRecord(recordId);
        if (newPatientLocator.length == 0) revert EmptyLocator();
        version = record.version + 1;
        record.version = version;
        emit RecordReplaced(msg.sender, recordId, version, newPatientLocator);
    }

    /// @notice Removes the caller's record: from now on nobody, not even the patient, has access to it.
    /// @dev Grant slots are left in place (deleting them would need the clinician list); `hasAccess` ignores them.
    /// @param recordId The caller's record.
    function removeRecord(uint256 recordId) external {
        _patientRecord(recordId).removed = true;
        emit RecordRemoved(msg.sender, recordId);
    }

    /// @notice Grants (or re-grants, overwriting the expiry) a clinician access to one of the caller's records.
    /// @param recordId The caller's record.
    /// @param clinician The clinician; must have a registered key and be neither zero nor the caller.
    /// @param expiresAt Unix time (seconds) from which access is over; must be after the current block.
    /// @param clinicianLocator The record's CID and key sealed to the clinician's key; must not be empty.
    function grantAccess(uint256 recordId, address clinician, uint64 expiresAt, bytes calldata clinicianLocator)
        external
    {
        _requireValidClinician(clinician);
        _grant(recordId, clinician, expiresAt, clinicianLocator);
    }

    /// @notice Grants one clinician access to several of the caller's records in one transaction.
    /// @param recordIds The caller's records.
    /// @param clinician The clinician; must have a registered key and be neither zero nor the caller.
    /// @param expiresAt One expiry per record.
    /// @param clinicianLocators One sealed locator per record.
    function grantAccessBatch(
        uint256[] calldata recordIds,
        address clinician,
        uint64[] calldata expiresAt,
        bytes[] calldata clinicianLocators
    ) external {
        uint256 count = recordIds.length;
        if (expiresAt.length != count || clinicianLocators.length != count) revert LengthMismatch();
        // Checked once: the clinician is the same for every record in the batch.
        _requireValidClinician(clinician);
        for (uint256 i = 0; i < count; ++i) {
            _grant(recordIds[i], clinician, expiresAt[i], clinicianLocators[i]);
        }
    }

    /// @notice Ends a clinician's active access to one of the caller's records.
    /// @param recordId The caller's record.
    /// @param clinician The clinician.
    function revokeAccess(uint256 recordId, address clinician) external {
        Record storage record = _patientRecord(recordId);
        if (!_grantIsActive(_grants[recordId][clinician], record.version)) revert NoActiveGrant(recordId, clinician);
        delete _grants[recordId][clinician];
        emit AccessRevoked(msg.sender, clinician, recordId);
    }

    /// @notice The X25519 public key an account registered, or zero.
    /// @param account The account.
    /// @return The key, or `bytes32(0)` when none is registered.
    function encryptionKeyOf(address account) external view returns (bytes32) {
        return _encryptionKeys[account];
    }

    /// @notice A record's owner and state.
    /// @param recordId The record.
    /// @return patient The patient, or the zero address when the record does not exist.
    /// @return version The record's version (1 when added, bumped by each replacement).
    /// @return removed Whether the patient removed the record.
    function recordOf(uint256 recordId) external view returns (address patient, uint32 version, bool removed) {
        Record memory record = _records[recordId];
        return (record.patient, record.version, record.removed);
    }

    /// @notice The stored grant for a record and clinician, whether or not it still gives access.
    /// @param recordId The record.
    /// @param clinician The clinician.
    /// @return expiresAt The grant's expiry, or 0 when there is no grant.
    /// @return version The record version the grant was made for.
    function grantOf(uint256 recordId, address clinician) external view returns (uint64 expiresAt, uint32 version) {
        Grant memory grant = _grants[recordId][clinician];
        return (grant.expiresAt, grant.version);
    }

    /// @notice Whether an account may read a record now.
    /// @dev True for the patient on their own non-removed record; for anyone else true only with an unexpired
    /// grant made for the record's current version. Unknown and removed records give no access.
    /// @param recordId The record.
    /// @param clinician The account asking.
    /// @return Whether it has access.
    function hasAccess(uint256 recordId, address clinician) external view returns (bool) {
        Record memory record = _records[recordId];
        if (record.patient == address(0) || record.removed) return false;
        if (clinician == record.patient) return true;
        return _grantIsActive(_grants[recordId][clinician], record.version);
    }

    /// @dev Loads a record the caller owns and may still change, or reverts with the reason it cannot.
    function _patientRecord(uint256 recordId) private view returns (Record storage record) {
        record = _records[recordId];
        address patient = record.patient;
        if (patient == address(0)) revert UnknownRecord(recordId);
        if (patient != msg.sender) revert NotRecordPatient(recordId, msg.sender);
        if (record.removed) revert RecordIsRemoved(recordId);
    }

    /// @dev Only the patient may grant, so "not the patient" is "not the caller".
    function _requireValidClinician(address clinician) private view {
        if (clinician == address(0) || clinician == msg.sender) revert InvalidClinician(clinician);
        if (_encryptionKeys[clinician] == bytes32(0)) revert EncryptionKeyNotRegistered(clinician);
    }

    /// @dev Checks one record's side of a grant (the clinician is checked by the caller) and stores it.
    function _grant(uint256 recordId, address clinician, uint64 expiresAt, bytes calldata clinicianLocator) private {
        Record storage record = _patientRecord(recordId);
        if (expiresAt <= block.timestamp) revert ExpiryNotInFuture(expiresAt);
        if (clinicianLocator.length == 0) revert EmptyLocator();
        _grants[recordId][clinician] = Grant({expiresAt: expiresAt, version: record.version});
        emit AccessGranted(msg.sender, clinician, recordId, expiresAt, clinicianLocator);
    }

    /// @dev A grant gives access until its expiry, and only for the record version it was made for.
    function _grantIsActive(Grant memory grant, uint32 currentVersion) private view returns (bool) {
        return grant.expiresAt > block.timestamp && grant.version == currentVersion;
    }
}
