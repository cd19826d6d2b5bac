// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";

/// @title Chartkey consent registry
/// @notice Records which clinician may read which of a patient's encrypted health records, and until when;
/// lets clinicians publish a professional profile, an attester verify them, and clinicians ask patients for access.
/// @dev Privacy: nothing stored or emitted here describes record content. A record is known on-chain only by
/// a numeric id. Where its ciphertext lives (the IPFS CID) and the key that opens it travel inside *sealed
/// locators*: opaque bytes the app seals in the browser to one reader's X25519 public key. A CID on-chain, even
/// alone, would let anyone fetch the ciphertext, watch its size and timing and link records across patients;
/// sealed, it is readable only by its addressee. Locators are carried in event data (calldata → logs), never in
/// storage, so a grant costs one packed storage slot plus a log, and the app reads history with `eth_getLogs`
/// (every state change emits an event with indexed topics) without an indexer. See docs/consent-contracts.md.
///
/// Roles (OpenZeppelin AccessControl): `ATTESTER_ROLE` verifies clinicians; `DEFAULT_ADMIN_ROLE` may only
/// appoint and remove attesters. Neither role can touch any patient's records, grants or requests: those
/// functions check `msg.sender` against the stored patient and nothing else. The contract holds no funds,
/// makes no external calls and has no upgrade path.
contract ChartkeyConsent is AccessControl {
    /// @notice Why a clinician asks for access. Stored as uint8; new codes may only be appended.
    /// @dev Treatment: ongoing care by the asking clinician. Referral: the patient was referred to them.
    /// SecondOpinion: review of existing findings. Emergency: urgent care (the patient still decides; nothing
    /// here bypasses consent). Research: a study the patient is asked to join. Administrative: billing, insurance
    /// or records management.
    enum Purpose {
        Treatment,
        Referral,
        SecondOpinion,
        Emergency,
        Research,
        Administrative
    }

    /// @notice Where an access request stands. `None` means no request has this id.
    enum RequestStatus {
        None,
        Pending,
        Approved,
        Denied,
        Cancelled
    }

    /// @dev One storage slot: 160 + 32 + 8 bits. `patient == address(0)` means the record does not exist.
    struct Record {
        address patient;
        uint32 version;
        bool removed;
    }

    /// @dev One storage slot: 64 + 32 + 32 bits. `expiresAt == 0` means no grant. `epoch` is the patient's
    /// revoke-all epoch for this clinician when the grant was made: bumping the epoch voids every older grant
    /// at once, without touching (or even knowing) each grant's slot.
    struct Grant {
        uint64 expiresAt;
        uint32 version;
        uint32 epoch;
    }

    /// @dev Two slots: the patient, purpose and status share the first. The requested record ids and the
    /// note hash are only in the `AccessRequested` event: nothing on-chain acts on them after the request.
    struct Request {
        address patient;
        Purpose purpose;
        RequestStatus status;
        address clinician;
    }

    /// @dev What a patient and one requester have between them, in one slot: the requester's latest request (so
    /// a second one cannot be opened while it is pending) and whether the patient blocked them.
    struct Relation {
        uint248 lastRequestId;
        bool blocked;
    }

    /// @dev A clinician's public professional profile. Public by design: it is what a patient checks before
    /// sharing. `verified` is set and cleared only by an attester, and cleared when the profile changes.
    struct ClinicianProfile {
        string displayName;
        string organisation;
        bool verified;
    }

    /// @notice The role that verifies clinicians.
    bytes32 public constant ATTESTER_ROLE = keccak256("chartkey.attester");
    /// @notice Longest display name, in UTF-8 bytes.
    uint256 public constant MAX_DISPLAY_NAME_BYTES = 64;
    /// @notice Longest organisation name, in UTF-8 bytes.
    uint256 public constant MAX_ORGANISATION_BYTES = 128;
    /// @notice Shortest sealed locator, in bytes: version (1) + ephemeral X25519 key (32) + box tag (16) + content
    /// key (32) + a CID of at least one byte (docs/envelope-v1.md §2, `lib/crypto/locator.ts`).
    uint256 public constant MIN_LOCATOR_BYTES = 82;
    /// @notice Longest sealed locator, in bytes: the same with the longest CID the format allows (128 bytes).
    uint256 public constant MAX_LOCATOR_BYTES = 209;
    /// @notice How far ahead a grant may end: ten years (of 365 days) from the block it is made in.
    uint256 public constant MAX_GRANT_DURATION = 3650 days;
    /// @notice Most records one access request may name; asking for all of them is an empty list.
    uint256 public constant MAX_REQUEST_RECORDS = 32;

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
    /// @notice A sealed locator's length is outside what the locator format can produce.
    /// @param length The length given, in bytes.
    error LocatorLengthOutOfRange(uint256 length);
    /// @notice The expiry is further ahead than `MAX_GRANT_DURATION`.
    /// @param expiresAt The expiry given.
    /// @param latest The latest expiry allowed in this block.
    error ExpiryTooFar(uint64 expiresAt, uint256 latest);
    /// @notice The purpose code is not one of {Purpose}.
    /// @param purpose The code given.
    error UnknownPurpose(uint8 purpose);
    /// @notice The batch's arrays must have the same length.
    error LengthMismatch();
    /// @notice The batch must name at least one record.
    error EmptyBatch();
    /// @notice The clinician has no active (unexpired, current-version, current-epoch) grant on the record.
    /// @param recordId The record.
    /// @param clinician The clinician.
    error NoActiveGrant(uint256 recordId, address clinician);
    /// @notice An encryption key must not be zero.
    error ZeroKey();
    /// @notice The attester given at deployment must not be the zero address.
    error InvalidAttester();
    /// @notice A profile needs a non-empty display name.
    error EmptyDisplayName();
    /// @notice A profile field is longer than allowed.
    /// @param length The field's length in bytes.
    /// @param maxLength The most allowed.
    error ProfileFieldTooLong(uint256 length, uint256 maxLength);
    /// @notice The clinician has not published a profile.
    /// @param clinician The clinician.
    error ClinicianProfileMissing(address clinician);
    /// @notice The clinician is already verified.
    /// @param clinician The clinician.
    error ClinicianAlreadyVerified(address clinician);
    /// @notice The profile is no longer the one the attester reviewed (it changed before the verification landed).
    /// @param clinician The clinician.
    /// @param reviewedHash The hash of the profile the attester reviewed.
    /// @param currentHash The hash of the profile now on-chain.
    error ClinicianProfileChanged(address clinician, bytes32 reviewedHash, bytes32 currentHash);
    /// @notice The clinician is not verified, so there is nothing to withdraw.
    /// @param clinician The clinician.
    error ClinicianNotVerified(address clinician);
    /// @notice The patient is the zero address, the caller themself, or has no encryption key.
    /// @param patient The address that was given.
    error InvalidPatient(address patient);
    /// @notice A requested record does not belong to the patient asked, or was removed.
    /// @param recordId The record.
    /// @param patient The patient asked.
    error RecordNotRequestable(uint256 recordId, address patient);
    /// @notice The clinician already has a request waiting for this patient's answer.
    /// @param requestId The pending request.
    error RequestAlreadyPending(uint256 requestId);
    /// @notice A record id appears twice in one request.
    /// @param recordId The repeated id.
    error DuplicateRecordId(uint256 recordId);
    /// @notice A request's record ids must be in ascending order (which is how duplicates are found cheaply).
    /// @param recordId The first id smaller than the one before it.
    error RecordIdsNotAscending(uint256 recordId);
    /// @notice A request names more records than `MAX_REQUEST_RECORDS`.
    /// @param count How many it named.
    /// @param maxCount The most allowed.
    error TooManyRecords(uint256 count, uint256 maxCount);
    /// @notice The patient blocked the caller from sending them requests.
    /// @param patient The patient.
    error BlockedByPatient(address patient);
    /// @notice The account is already blocked.
    /// @param requester The account.
    error AlreadyBlocked(address requester);
    /// @notice The account is not blocked, so there is nothing to unblock.
    /// @param requester The account.
    error NotBlocked(address requester);
    /// @notice No access request has this id.
    /// @param requestId The id asked for.
    error UnknownRequest(uint256 requestId);
    /// @notice The request was already approved, denied or cancelled.
    /// @param requestId The request.
    /// @param status Its current status.
    error RequestNotPending(uint256 requestId, RequestStatus status);
    /// @notice Only the patient a request was made to may approve or deny it.
    /// @param requestId The request.
    /// @param caller The account that tried.
    error NotRequestPatient(uint256 requestId, address caller);
    /// @notice Only the clinician who made a request may cancel it.
    /// @param requestId The request.
    /// @param caller The account that tried.
    error NotRequestClinician(uint256 requestId, address caller);

    /// @notice An account registered (or rotated) its X25519 encryption public key.
    /// @param account The account.
    /// @param publicKey Its new X25519 public key.
    event EncryptionKeyRegistered(address indexed account, bytes32 publicKey);
    /// @notice A patient added a record.
    /// @param patient The record's patient.
    /// @param recordId The new record's id.
    /// @param patientLocator The record's CID and content key, sealed to the patient's own key.
    event RecordAdded(address indexed patient, uint256 indexed recordId, bytes patientLocator);
    /// @notice A patient replaced a record's content (re-encrypted under a new key); older grants lapse.
    /// @param patient The record's patient.
    /// @param recordId The record.
    /// @param version The record's new version.
    /// @param patientLocator The new content's CID and key, sealed to the patient's own key.
    // Not indexed: nobody filters by version, and a topic (375 gas) costs more than the 32 data bytes (256 gas).
    // solhint-disable-next-line gas-indexed-events
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
    /// @notice A patient revoked every grant they ever gave a clinician, in one step.
    /// @param patient The patient.
    /// @param clinician The clinician.
    /// @param epoch The new revoke-all epoch; grants made before it no longer give access.
    // Not indexed for the same reason as RecordReplaced.version.
    // solhint-disable-next-line gas-indexed-events
    event AllAccessRevoked(address indexed patient, address indexed clinician, uint32 epoch);
    /// @notice A clinician published or changed their public profile (this clears verification).
    /// @param clinician The clinician.
    /// @param displayName Their display name.
    /// @param organisation Their organisation (may be empty).
    event ClinicianProfileSet(address indexed clinician, string displayName, string organisation);
    /// @notice An attester verified a clinician's profile.
    /// @param clinician The clinician.
    /// @param attester The attester.
    /// @param profileHash The hash of the profile text the attester reviewed (see {verifyClinician}).
    event ClinicianVerified(address indexed clinician, address indexed attester, bytes32 profileHash);
    /// @notice A clinician's verification ended: withdrawn by an attester, or by the clinician changing the profile.
    /// @param clinician The clinician.
    /// @param by The attester, or the clinician themself.
    event ClinicianVerificationWithdrawn(address indexed clinician, address indexed by);
    /// @notice A clinician asked a patient for access.
    /// @param requestId The request's id.
    /// @param patient The patient asked.
    /// @param clinician The clinician asking.
    /// @param purpose Why (see {Purpose}).
    /// @param recordIds The records asked for; empty means all of the patient's records.
    /// @param noteHash Hash of an optional note kept off-chain (zero when none).
    event AccessRequested(
        uint256 indexed requestId,
        address indexed patient,
        address indexed clinician,
        Purpose purpose,
        uint256[] recordIds,
        bytes32 noteHash
    );
    /// @notice The patient approved a request; the grants it made follow as `AccessGranted` events in the same transaction.
    /// @param requestId The request.
    /// @param patient The patient.
    /// @param clinician The clinician.
    event AccessRequestApproved(uint256 indexed requestId, address indexed patient, address indexed clinician);
    /// @notice The patient denied a request.
    /// @param requestId The request.
    /// @param patient The patient.
    /// @param clinician The clinician.
    event AccessRequestDenied(uint256 indexed requestId, address indexed patient, address indexed clinician);
    /// @notice The clinician cancelled their request.
    /// @param requestId The request.
    /// @param patient The patient.
    /// @param clinician The clinician.
    event AccessRequestCancelled(uint256 indexed requestId, address indexed patient, address indexed clinician);

    /// @notice A patient blocked an account from sending them access requests.
    /// @param patient The patient.
    /// @param requester The blocked account.
    event RequesterBlocked(address indexed patient, address indexed requester);
    /// @notice A patient unblocked an account.
    /// @param patient The patient.
    /// @param requester The account.
    event RequesterUnblocked(address indexed patient, address indexed requester);

    /// @dev The id of the most recently added record; ids start at 1 so 0 never names a record.
    uint256 private _lastRecordId;
    /// @dev The id of the most recent access request; ids start at 1.
    uint256 private _lastRequestId;
    /// @dev Each account's X25519 public key, to which locators for it are sealed.
    mapping(address account => bytes32 publicKey) private _encryptionKeys;
    /// @dev Record state; locators are only in events.
    mapping(uint256 recordId => Record) private _records;
    /// @dev The latest grant per record and clinician; a re-grant overwrites it, a revoke deletes it.
    mapping(uint256 recordId => mapping(address clinician => Grant)) private _grants;
    /// @dev Per patient and clinician, how many times the patient revoked everything; starts at 0.
    mapping(address patient => mapping(address clinician => uint32 epoch)) private _epochs;
    /// @dev Access requests by id.
    mapping(uint256 requestId => Request) private _requests;
    /// @dev Clinicians' public profiles.
    mapping(address clinician => ClinicianProfile) private _profiles;
    /// @dev Per patient and requester: the latest request and whether the patient blocked them.
    mapping(address patient => mapping(address requester => Relation)) private _relations;

    /// @param admin May appoint and remove attesters; the zero address makes the attester set permanent.
    /// @param attester The first attester; must not be zero.
    constructor(address admin, address attester) {
        if (attester == address(0)) revert InvalidAttester();
        if (admin != address(0)) _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(ATTESTER_ROLE, attester);
    }

    // ---------------------------------------------------------------------------------------------
    // Encryption keys

    /// @notice Registers the caller's X25519 public key, or rotates it.
    /// @dev Rotating does not touch existing grants: their locators stay sealed to the old key, so the app
    /// re-grants what should stay readable.
    /// @param publicKey The caller's X25519 public key; must not be zero.
    function registerEncryptionKey(bytes32 publicKey) external {
        if (publicKey == bytes32(0)) revert ZeroKey();
        _encryptionKeys[msg.sender] = publicKey;
        emit EncryptionKeyRegistered(msg.sender, publicKey);
    }

    // ---------------------------------------------------------------------------------------------
    // Records

    /// @notice Adds a record owned by the caller.
    /// @param patientLocator The record's CID and content key sealed to the caller's own key;
    /// `MIN_LOCATOR_BYTES`–`MAX_LOCATOR_BYTES` long.
    /// @return recordId The new record's id.
    function addRecord(bytes calldata patientLocator) external returns (uint256 recordId) {
        if (_encryptionKeys[msg.sender] == bytes32(0)) revert EncryptionKeyNotRegistered(msg.sender);
        _requireLocator(patientLocator);
        recordId = ++_lastRecordId;
        _records[recordId] = Record({patient: msg.sender, version: 1, removed: false});
        emit RecordAdded(msg.sender, recordId, patientLocator);
    }

    /// @notice Replaces a record's content (new ciphertext under a new key), bumping its version so every
    /// earlier grant stops giving access, and re-grants the listed clinicians at the new version in the same
    /// transaction. Old grants never carry over: each clinician kept gets a locator freshly sealed to them.
    /// @param recordId The caller's record.
    /// @param newPatientLocator The new content's CID and key sealed to the caller's own key; as for {addRecord}.
    /// @param clinicians Clinicians to re-grant (may be empty); each as for {grantAccess}.
    /// @param expiresAt One expiry per clinician.
    /// @param clinicianLocators One locator per clinician, sealing the new content's CID and key to them.
    /// @return version The record's new version.
    function replaceRecord(
        uint256 recordId,
        bytes calldata newPatientLocator,
        address[] calldata clinicians,
        uint64[] calldata expiresAt,
        bytes[] calldata clinicianLocators
    ) external returns (uint32 version) {
        uint256 count = clinicians.length;
        if (expiresAt.length != count || clinicianLocators.length != count) revert LengthMismatch();
        Record storage record = _patientRecord(recordId);
        _requireLocator(newPatientLocator);
        version = record.version + 1;
        record.version = version;
        emit RecordReplaced(msg.sender, recordId, version, newPatientLocator);
        for (uint256 i = 0; i < count; ++i) {
            address clinician = clinicians[i];
            _requireValidClinician(clinician);
            _storeGrant(recordId, version, clinician, _epochs[msg.sender][clinician], expiresAt[i], clinicianLocators[i]);
        }
    }

    /// @notice Removes the caller's record: from now on nobody, not even the patient, has access to it.
    /// @dev Grant slots are left in place (deleting them would need the clinician list); `hasAccess` ignores them.
    /// @param recordId The caller's record.
    function removeRecord(uint256 recordId) external {
        _patientRecord(recordId).removed = true;
        emit RecordRemoved(msg.sender, recordId);
    }

    // ---------------------------------------------------------------------------------------------
    // Grants

    /// @notice Grants (or re-grants, overwriting the expiry) a clinician access to one of the caller's records.
    /// @param recordId The caller's record.
    /// @param clinician The clinician; must have a registered key and be neither zero nor the caller.
    /// @param expiresAt Unix time (seconds) from which access is over; after the current block and at most
    /// `MAX_GRANT_DURATION` after it.
    /// @param clinicianLocator The record's CID and key sealed to the clinician's key; as for {addRecord}.
    function grantAccess(uint256 recordId, address clinician, uint64 expiresAt, bytes calldata clinicianLocator)
        external
    {
        _requireValidClinician(clinician);
        _grant(recordId, clinician, _epochs[msg.sender][clinician], expiresAt, clinicianLocator);
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
        _grantBatch(recordIds, clinician, expiresAt, clinicianLocators);
    }

    /// @notice Ends a clinician's active access to one of the caller's records.
    /// @param recordId The caller's record.
    /// @param clinician The clinician.
    function revokeAccess(uint256 recordId, address clinician) external {
        _revoke(recordId, clinician);
    }

    /// @notice Ends a clinician's active access to several of the caller's records; all or nothing.
    /// @param recordIds The caller's records, each with an active grant to the clinician.
    /// @param clinician The clinician.
    function revokeAccessBatch(uint256[] calldata recordIds, address clinician) external {
        uint256 count = recordIds.length;
        if (count == 0) revert EmptyBatch();
        for (uint256 i = 0; i < count; ++i) {
            _revoke(recordIds[i], clinician);
        }
    }

    /// @notice Ends every grant the caller ever gave the clinician, in one constant-cost transaction.
    /// @dev Bumps the (caller, clinician) epoch; each grant slot remembers the epoch it was made in, and
    /// `hasAccess` requires it to be current. Later grants use the new epoch and work as usual.
    /// @param clinician The clinician.
    /// @return epoch The new epoch.
    function revokeAllForClinician(address clinician) external returns (uint32 epoch) {
        if (clinician == address(0) || clinician == msg.sender) revert InvalidClinician(clinician);
        epoch = ++_epochs[msg.sender][clinician];
        emit AllAccessRevoked(msg.sender, clinician, epoch);
    }

    // ---------------------------------------------------------------------------------------------
    // Clinicians

    /// @notice Publishes or changes the caller's public clinician profile. Changing it ends any verification,
    /// because the attester vouched for the old text.
    /// @param displayName Public name, 1–64 bytes (e.g. "Dr. Ana Silva").
    /// @param organisation Public organisation, 0–128 bytes (e.g. "St. Mary's Hospital, Cardiology").
    function setClinicianProfile(string calldata displayName, string calldata organisation) external {
        uint256 nameLength = bytes(displayName).length;
        if (nameLength == 0) revert EmptyDisplayName();
        if (nameLength > MAX_DISPLAY_NAME_BYTES) revert ProfileFieldTooLong(nameLength, MAX_DISPLAY_NAME_BYTES);
        uint256 organisationLength = bytes(organisation).length;
        if (organisationLength > MAX_ORGANISATION_BYTES) {
            revert ProfileFieldTooLong(organisationLength, MAX_ORGANISATION_BYTES);
        }
        ClinicianProfile storage profile = _profiles[msg.sender];
        if (profile.verified) {
            profile.verified = false;
            emit ClinicianVerificationWithdrawn(msg.sender, msg.sender);
        }
        profile.displayName = displayName;
        profile.organisation = organisation;
        emit ClinicianProfileSet(msg.sender, displayName, organisation);
    }

    /// @notice Marks a clinician's profile as verified, only if it is still exactly the text the attester
    /// reviewed. Attesters only.
    /// @dev The hash is `keccak256(abi.encode(displayName, organisation))` of the text the attester read. A
    /// clinician who changes the profile before this transaction lands (even in the same block) makes it revert
    /// with {ClinicianProfileChanged}, so a verification never covers text the attester did not see.
    /// @param clinician A clinician with a published profile who is not yet verified.
    /// @param profileHash The hash of the profile the attester reviewed.
    function verifyClinician(address clinician, bytes32 profileHash) external onlyRole(ATTESTER_ROLE) {
        ClinicianProfile storage profile = _profiles[clinician];
        if (bytes(profile.displayName).length == 0) revert ClinicianProfileMissing(clinician);
        if (profile.verified) revert ClinicianAlreadyVerified(clinician);
        bytes32 currentHash = keccak256(abi.encode(profile.displayName, profile.organisation));
        if (currentHash != profileHash) revert ClinicianProfileChanged(clinician, profileHash, currentHash);
        profile.verified = true;
        emit ClinicianVerified(clinician, msg.sender, profileHash);
    }

    /// @notice Withdraws a clinician's verification. Attesters only.
    /// @param clinician A verified clinician.
    function withdrawVerification(address clinician) external onlyRole(ATTESTER_ROLE) {
        ClinicianProfile storage profile = _profiles[clinician];
        if (!profile.verified) revert ClinicianNotVerified(clinician);
        profile.verified = false;
        emit ClinicianVerificationWithdrawn(clinician, msg.sender);
    }

    // ---------------------------------------------------------------------------------------------
    // Access requests

    /// @notice Asks a patient for access to some or all of their records.
    /// @dev The caller needs a published profile (so the patient sees who asks) and an encryption key (so
    /// the patient can seal locators to them), must not be blocked by the patient, and may have only one
    /// request pending with them at a time. Named records must be the patient's, not removed, in ascending
    /// order without repeats, and at most `MAX_REQUEST_RECORDS`. The purpose is taken as its code so that an
    /// unknown one is refused with {UnknownPurpose} rather than an opaque decoding failure.
    /// @param patient The patient asked; must have an encryption key.
    /// @param recordIds The records wanted, ascending; empty asks for all of the patient's records.
    /// @param purpose Why: a {Purpose} code.
    /// @param noteHash Hash of an optional note delivered off-chain; zero when none.
    /// @return requestId The new request's id.
    function requestAccess(address patient, uint256[] calldata recordIds, uint8 purpose, bytes32 noteHash)
        external
        returns (uint256 requestId)
    {
        if (purpose > uint8(type(Purpose).max)) revert UnknownPurpose(purpose);
        if (bytes(_profiles[msg.sender].displayName).length == 0) revert ClinicianProfileMissing(msg.sender);
        if (_encryptionKeys[msg.sender] == bytes32(0)) revert EncryptionKeyNotRegistered(msg.sender);
        if (patient == address(0) || patient == msg.sender || _encryptionKeys[patient] == bytes32(0)) {
            revert InvalidPatient(patient);
        }
        Relation storage relation = _relations[patient][msg.sender];
        Relation memory current = relation;
        if (current.blocked) revert BlockedByPatient(patient);
        uint256 lastRequestId = current.lastRequestId;
        if (lastRequestId != 0 && _requests[lastRequestId].status == RequestStatus.Pending) {
            revert RequestAlreadyPending(lastRequestId);
        }
        _requireRequestable(patient, recordIds);
        requestId = ++_lastRequestId;
        _requests[requestId] = Request({
            patient: patient, purpose: Purpose(purpose), status: RequestStatus.Pending, clinician: msg.sender
        });
        // Ids come from a counter that gains one per request: 2^248 is out of reach.
        relation.lastRequestId = uint248(requestId);
        emit AccessRequested(requestId, patient, msg.sender, Purpose(purpose), recordIds, noteHash);
    }

    /// @notice Approves a pending request by granting the clinician the given records. The patient chooses
    /// which records (not necessarily the ones asked for), the expiries, and seals the locators.
    /// @param requestId A pending request made to the caller.
    /// @param recordIds The caller's records to grant; at least one.
    /// @param expiresAt One expiry per record.
    /// @param clinicianLocators One locator per record, sealed to the clinician.
    function approveRequest(
        uint256 requestId,
        uint256[] calldata recordIds,
        uint64[] calldata expiresAt,
        bytes[] calldata clinicianLocators
    ) external {
        Request storage request = _pendingRequestOfPatient(requestId);
        address clinician = request.clinician;
        request.status = RequestStatus.Approved;
        emit AccessRequestApproved(requestId, msg.sender, clinician);
        _grantBatch(recordIds, clinician, expiresAt, clinicianLocators);
    }

    /// @notice Denies a pending request made to the caller.
    /// @param requestId The request.
    function denyRequest(uint256 requestId) external {
        Request storage request = _pendingRequestOfPatient(requestId);
        request.status = RequestStatus.Denied;
        emit AccessRequestDenied(requestId, msg.sender, request.clinician);
    }

    /// @notice Cancels a pending request the caller made.
    /// @param requestId The request.
    function cancelRequest(uint256 requestId) external {
        Request storage request = _requests[requestId];
        RequestStatus status = request.status;
        if (status == RequestStatus.None) revert UnknownRequest(requestId);
        if (request.clinician != msg.sender) revert NotRequestClinician(requestId, msg.sender);
        if (status != RequestStatus.Pending) revert RequestNotPending(requestId, status);
        request.status = RequestStatus.Cancelled;
        emit AccessRequestCancelled(requestId, request.patient, msg.sender);
    }

    /// @notice Stops an account from sending the caller access requests; its later {requestAccess} calls to
    /// the caller revert. A request it already sent stays pending until answered (deny it as usual). Grants
    /// are not affected.
    /// @param requester The account to block; neither zero nor the caller.
    function blockRequester(address requester) external {
        if (requester == address(0) || requester == msg.sender) revert InvalidClinician(requester);
        Relation storage relation = _relations[msg.sender][requester];
        if (relation.blocked) revert AlreadyBlocked(requester);
        relation.blocked = true;
        emit RequesterBlocked(msg.sender, requester);
    }

    /// @notice Lets a blocked account send the caller access requests again.
    /// @param requester A blocked account.
    function unblockRequester(address requester) external {
        Relation storage relation = _relations[msg.sender][requester];
        if (!relation.blocked) revert NotBlocked(requester);
        relation.blocked = false;
        emit RequesterUnblocked(msg.sender, requester);
    }

    // ---------------------------------------------------------------------------------------------
    // Views

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
    /// @return epoch The patient's revoke-all epoch for the clinician when the grant was made.
    function grantOf(uint256 recordId, address clinician)
        external
        view
        returns (uint64 expiresAt, uint32 version, uint32 epoch)
    {
        Grant memory grant = _grants[recordId][clinician];
        return (grant.expiresAt, grant.version, grant.epoch);
    }

    /// @notice How many times a patient revoked everything from a clinician.
    /// @param patient The patient.
    /// @param clinician The clinician.
    /// @return The current epoch (0 until the first revoke-all).
    function epochOf(address patient, address clinician) external view returns (uint32) {
        return _epochs[patient][clinician];
    }

    /// @notice Whether an account may read a record now.
    /// @dev True for the patient on their own non-removed record; for anyone else true only with an unexpired
    /// grant made for the record's current version in the current revoke-all epoch. Unknown and removed
    /// records give no access.
    /// @param recordId The record.
    /// @param clinician The account asking.
    /// @return Whether it has access.
    function hasAccess(uint256 recordId, address clinician) external view returns (bool) {
        Record memory record = _records[recordId];
        if (record.patient == address(0) || record.removed) return false;
        if (clinician == record.patient) return true;
        return _grantIsActive(_grants[recordId][clinician], record.version, _epochs[record.patient][clinician]);
    }

    /// @notice A clinician's public profile and verification.
    /// @param clinician The clinician.
    /// @return displayName The display name (empty when no profile was published).
    /// @return organisation The organisation.
    /// @return verified Whether an attester verified the current profile.
    function clinicianProfileOf(address clinician)
        external
        view
        returns (string memory displayName, string memory organisation, bool verified)
    {
        ClinicianProfile storage profile = _profiles[clinician];
        return (profile.displayName, profile.organisation, profile.verified);
    }

    /// @notice An access request's parties and state (the record ids and note hash are in its event).
    /// @param requestId The request.
    /// @return patient The patient asked (zero when no such request).
    /// @return clinician The clinician asking.
    /// @return purpose Why.
    /// @return status Where it stands.
    function requestOf(uint256 requestId)
        external
        view
        returns (address patient, address clinician, Purpose purpose, RequestStatus status)
    {
        Request memory request = _requests[requestId];
        return (request.patient, request.clinician, request.purpose, request.status);
    }

    /// @notice Whether a patient blocked an account from sending them access requests.
    /// @param patient The patient.
    /// @param requester The account.
    /// @return Whether it is blocked.
    function isBlocked(address patient, address requester) external view returns (bool) {
        return _relations[patient][requester].blocked;
    }

    /// @notice The request a clinician has waiting for a patient's answer, if any.
    /// @param patient The patient.
    /// @param clinician The clinician.
    /// @return requestId The pending request's id, or 0 when none is pending.
    function pendingRequestOf(address patient, address clinician) external view returns (uint256 requestId) {
        requestId = _relations[patient][clinician].lastRequestId;
        if (requestId != 0 && _requests[requestId].status != RequestStatus.Pending) requestId = 0;
    }

    /// @notice How many records and requests exist (ids run from 1 to these).
    /// @return records The highest record id.
    /// @return requests The highest request id.
    function counts() external view returns (uint256 records, uint256 requests) {
        return (_lastRecordId, _lastRequestId);
    }

    // ---------------------------------------------------------------------------------------------
    // Internals

    /// @dev Loads a record the caller owns and may still change, or reverts with the reason it cannot.
    function _patientRecord(uint256 recordId) private view returns (Record storage record) {
        record = _records[recordId];
        address patient = record.patient;
        if (patient == address(0)) revert UnknownRecord(recordId);
        if (patient != msg.sender) revert NotRecordPatient(recordId, msg.sender);
        if (record.removed) revert RecordIsRemoved(recordId);
    }

    /// @dev Refuses a locator no version-1 sealed locator could be (docs/envelope-v1.md §2).
    function _requireLocator(bytes calldata locator) private pure {
        uint256 length = locator.length;
        // One comparison: a length under the minimum wraps around to a huge difference.
        unchecked {
            if (length - MIN_LOCATOR_BYTES > MAX_LOCATOR_BYTES - MIN_LOCATOR_BYTES) revert LocatorLengthOutOfRange(length);
        }
    }

    /// @dev Checks a request's record list: bounded, strictly ascending (so no repeats), each the patient's
    /// and not removed.
    function _requireRequestable(address patient, uint256[] calldata recordIds) private view {
        uint256 count = recordIds.length;
        if (count > MAX_REQUEST_RECORDS) revert TooManyRecords(count, MAX_REQUEST_RECORDS);
        uint256 previous = 0;
        for (uint256 i = 0; i < count; ++i) {
            uint256 recordId = recordIds[i];
            // `<=` is the rule (a repeat or a step back), not a gas choice.
            // solhint-disable-next-line gas-strict-inequalities
            if (i != 0 && recordId <= previous) {
                if (recordId == previous) revert DuplicateRecordId(recordId);
                revert RecordIdsNotAscending(recordId);
            }
            Record memory record = _records[recordId];
            if (record.patient != patient || record.removed) revert RecordNotRequestable(recordId, patient);
            previous = recordId;
        }
    }

    /// @dev Loads a pending request made to the caller, or reverts with the reason it cannot be decided.
    function _pendingRequestOfPatient(uint256 requestId) private view returns (Request storage request) {
        request = _requests[requestId];
        RequestStatus status = request.status;
        if (status == RequestStatus.None) revert UnknownRequest(requestId);
        if (request.patient != msg.sender) revert NotRequestPatient(requestId, msg.sender);
        if (status != RequestStatus.Pending) revert RequestNotPending(requestId, status);
    }

    /// @dev Only the patient may grant, so "not the patient" is "not the caller".
    function _requireValidClinician(address clinician) private view {
        if (clinician == address(0) || clinician == msg.sender) revert InvalidClinician(clinician);
        if (_encryptionKeys[clinician] == bytes32(0)) revert EncryptionKeyNotRegistered(clinician);
    }

    /// @dev Shared by grantAccessBatch and approveRequest; the clinician and epoch are checked/read once.
    function _grantBatch(
        uint256[] calldata recordIds,
        address clinician,
        uint64[] calldata expiresAt,
        bytes[] calldata clinicianLocators
    ) private {
        uint256 count = recordIds.length;
        if (count == 0) revert EmptyBatch();
        if (expiresAt.length != count || clinicianLocators.length != count) revert LengthMismatch();
        _requireValidClinician(clinician);
        uint32 epoch = _epochs[msg.sender][clinician];
        for (uint256 i = 0; i < count; ++i) {
            _grant(recordIds[i], clinician, epoch, expiresAt[i], clinicianLocators[i]);
        }
    }

    /// @dev Checks one record's side of a grant (the clinician is checked by the caller) and stores it.
    function _grant(uint256 recordId, address clinician, uint32 epoch, uint64 expiresAt, bytes calldata locator)
        private
    {
        _storeGrant(recordId, _patientRecord(recordId).version, clinician, epoch, expiresAt, locator);
    }

    /// @dev Writes one grant slot and its event; the record and clinician were checked by the caller.
    function _storeGrant(
        uint256 recordId,
        uint32 version,
        address clinician,
        uint32 epoch,
        uint64 expiresAt,
        bytes calldata clinicianLocator
    ) private {
        // Timestamps are safe here: a validator can shift them by seconds, while expiries are days apart.
        // Valid is `now < expiresAt <= now + MAX_GRANT_DURATION`, tested with one comparison on the path every
        // grant takes (an expiry at or before now wraps around to a huge difference); the branch then names
        // the bound that was crossed.
        unchecked {
            // solhint-disable-next-line not-rely-on-time
            if (uint256(expiresAt) - block.timestamp - 1 > MAX_GRANT_DURATION - 1) {
                // `<=` is the rule itself (an expiry equal to now is already over), not a gas choice.
                // solhint-disable-next-line not-rely-on-time, gas-strict-inequalities
                if (expiresAt <= block.timestamp) revert ExpiryNotInFuture(expiresAt);
                // solhint-disable-next-line not-rely-on-time
                revert ExpiryTooFar(expiresAt, block.timestamp + MAX_GRANT_DURATION);
            }
        }
        _requireLocator(clinicianLocator);
        _grants[recordId][clinician] = Grant({expiresAt: expiresAt, version: version, epoch: epoch});
        emit AccessGranted(msg.sender, clinician, recordId, expiresAt, clinicianLocator);
    }

    /// @dev Deletes one active grant of the caller's record, or reverts.
    function _revoke(uint256 recordId, address clinician) private {
        Record storage record = _patientRecord(recordId);
        if (!_grantIsActive(_grants[recordId][clinician], record.version, _epochs[msg.sender][clinician])) {
            revert NoActiveGrant(recordId, clinician);
        }
        delete _grants[recordId][clinician];
        emit AccessRevoked(msg.sender, clinician, recordId);
    }

    /// @dev A grant gives access until its expiry, only for the record version and revoke-all epoch it was made in.
    function _grantIsActive(Grant memory grant, uint32 currentVersion, uint32 currentEpoch)
        private
        view
        returns (bool)
    {
        // solhint-disable-next-line not-rely-on-time
        return grant.expiresAt > block.timestamp && grant.version == currentVersion && grant.epoch == currentEpoch;
    }
}
