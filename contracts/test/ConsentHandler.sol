// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

// Forge conventions, not production code: test names are `test_subject_behaviour`, the cheatcode handle is
// `vm`, and assertion messages are long strings nobody pays gas for.
// solhint-disable func-name-mixedcase, gas-small-strings, immutable-vars-naming

import {ChartkeyConsent} from "../ChartkeyConsent.sol";
import {TestBase} from "./Vm.sol";

/// @notice Drives random sequences of every state-changing call, from random callers (patients, clinicians,
/// strangers alike), and keeps an independent model of who should have access. Only calls the patient makes
/// may change the model; any success by someone else is counted as a violation. Hostile moves are mixed in:
/// a second request while one is pending, requests from blocked accounts, repeated or too many record ids,
/// unknown purposes, out-of-range locators and expiries, and profile changes between an attester's review
/// and the verification. Each is refused, or counted as a violation.
contract ConsentHandler is TestBase {
    ChartkeyConsent public immutable consent;
    address public immutable attester;
    /// @dev Profile texts the actors switch between, so a profile can also change back to a reviewed text.
    string[3] private _names = ["Dr. Test", "Dr. Impostor", "Dr. Test "];
    address[5] public actors = [address(0x1001), address(0x1002), address(0x2001), address(0x2002), address(0x3001)];

    uint256[] public recordIds;
    mapping(uint256 recordId => address) public modelPatient;
    mapping(uint256 recordId => bool) public modelRemoved;
    /// @dev The expiry the model says is live for (record, reader); 0 means no access.
    mapping(uint256 recordId => mapping(address reader => uint64)) public modelExpiry;
    uint256 public modelRequests;
    /// @dev Calls that succeeded for someone who had no right to make them; must stay 0.
    uint256 public unauthorizedSuccesses;
    /// @dev Hostile inputs or sequences the contract accepted; must stay 0.
    uint256 public hostileSuccesses;
    /// @dev The pending request per (patient, clinician) as the model sees it; 0 when none.
    mapping(address patient => mapping(address clinician => uint256 requestId)) public modelPending;
    /// @dev Whether the patient blocked the requester, as the model sees it.
    mapping(address patient => mapping(address requester => bool)) public modelBlocked;
    /// @dev The profile text an actor has now, and the hash of the text the attester last reviewed for them.
    mapping(address clinician => bytes32) public modelProfileHash;
    mapping(address clinician => bytes32) public reviewedHash;
    /// @dev The hash a successful verification was for; 0 when not verified.
    mapping(address clinician => bytes32) public modelVerifiedHash;

    constructor(ChartkeyConsent consent_, address attester_) {
        consent = consent_;
        attester = attester_;
        for (uint256 i = 0; i < actors.length; ++i) {
            vm.startPrank(actors[i]);
            consent.registerEncryptionKey(bytes32(i + 1));
            consent.setClinicianProfile("Dr. Test", "Test Clinic");
            vm.stopPrank();
            modelProfileHash[actors[i]] = keccak256(abi.encode("Dr. Test", "Test Clinic"));
        }
    }

    /// @dev A locator of `length` bytes; the handler's own calls use lengths a real sealed locator has.
    function _locatorOf(uint8 seed, uint256 length) private pure returns (bytes memory locator) {
        locator = new bytes(length);
        locator[0] = bytes1(seed);
    }

    function actorCount() external view returns (uint256) {
        return actors.length;
    }

    function recordCount() external view returns (uint256) {
        return recordIds.length;
    }

    function _actor(uint256 seed) private view returns (address) {
        return actors[seed % actors.length];
    }

    function _record(uint256 seed) private view returns (uint256) {
        // Occasionally an id that does not exist, so unknown-record paths are exercised too.
        if (recordIds.length == 0 || seed % 13 == 0) return seed % 1000 + 1000;
        return recordIds[seed % recordIds.length];
    }

    function _expiry(uint256 seed) private view returns (uint64) {
        return uint64(block.timestamp + bound(seed, 1, 30 days));
    }

    function _clearAccess(uint256 recordId) private {
        for (uint256 i = 0; i < actors.length; ++i) {
            modelExpiry[recordId][actors[i]] = 0;
        }
    }

    function _mayChange(address caller, uint256 recordId) private returns (bool) {
        if (caller != modelPatient[recordId]) {
            ++unauthorizedSuccesses;
            return false;
        }
        return true;
    }

    function addRecord(uint256 actorSeed) external {
        address caller = _actor(actorSeed);
        vm.prank(caller);
        uint256 recordId = consent.addRecord(_locatorOf(0xc0, 140));
        recordIds.push(recordId);
        modelPatient[recordId] = caller;
    }

    function grant(uint256 actorSeed, uint256 recordSeed, uint256 clinicianSeed, uint256 lifetime) external {
        address caller = _actor(actorSeed);
        uint256 recordId = _record(recordSeed);
        address clinician = _actor(clinicianSeed);
        uint64 expiresAt = _expiry(lifetime);
        vm.prank(caller);
        try consent.grantAccess(recordId, clinician, expiresAt, _locatorOf(1, 140)) {
            if (_mayChange(caller, recordId)) modelExpiry[recordId][clinician] = expiresAt;
        } catch {}
    }

    function grantBatch(uint256 actorSeed, uint256 recordSeed, uint256 clinicianSeed, uint256 lifetime) external {
        address caller = _actor(actorSeed);
        uint256[] memory ids = new uint256[](2);
        ids[0] = _record(recordSeed);
        ids[1] = _record(recordSeed >> 8);
        uint64[] memory expiries = new uint64[](2);
        expiries[0] = _expiry(lifetime);
        expiries[1] = _expiry(lifetime >> 8);
        bytes[] memory locators = new bytes[](2);
        locators[0] = _locatorOf(2, 140);
        locators[1] = _locatorOf(3, 140);
        address clinician = _actor(clinicianSeed);
        vm.prank(caller);
        try consent.grantAccessBatch(ids, clinician, expiries, locators) {
            for (uint256 i = 0; i < 2; ++i) {
                if (_mayChange(caller, ids[i])) modelExpiry[ids[i]][clinician] = expiries[i];
            }
        } catch {}
    }

    function revoke(uint256 actorSeed, uint256 recordSeed, uint256 clinicianSeed) external {
        address caller = _actor(actorSeed);
        uint256 recordId = _record(recordSeed);
        address clinician = _actor(clinicianSeed);
        vm.prank(caller);
        try consent.revokeAccess(recordId, clinician) {
            if (_mayChange(caller, recordId)) modelExpiry[recordId][clinician] = 0;
        } catch {}
    }

    function revokeBatch(uint256 actorSeed, uint256 recordSeed, uint256 clinicianSeed) external {
        address caller = _actor(actorSeed);
        uint256[] memory ids = new uint256[](2);
        ids[0] = _record(recordSeed);
        ids[1] = _record(recordSeed >> 8);
        address clinician = _actor(clinicianSeed);
        vm.prank(caller);
        try consent.revokeAccessBatch(ids, clinician) {
            for (uint256 i = 0; i < 2; ++i) {
                if (_mayChange(caller, ids[i])) modelExpiry[ids[i]][clinician] = 0;
            }
        } catch {}
    }

    function revokeAll(uint256 actorSeed, uint256 clinicianSeed) external {
        address caller = _actor(actorSeed);
        address clinician = _actor(clinicianSeed);
        vm.prank(caller);
        try consent.revokeAllForClinician(clinician) {
            // Affects only the caller's own records: nothing to authorise beyond that.
            for (uint256 i = 0; i < recordIds.length; ++i) {
                if (modelPatient[recordIds[i]] == caller) modelExpiry[recordIds[i]][clinician] = 0;
            }
        } catch {}
    }

    function replace(uint256 actorSeed, uint256 recordSeed, uint256 clinicianSeed, uint256 lifetime, bool regrant)
        external
    {
        address caller = _actor(actorSeed);
        uint256 recordId = _record(recordSeed);
        uint256 count = regrant ? 1 : 0;
        address[] memory clinicians = new address[](count);
        uint64[] memory expiries = new uint64[](count);
        bytes[] memory locators = new bytes[](count);
        if (regrant) {
            clinicians[0] = _actor(clinicianSeed);
            expiries[0] = _expiry(lifetime);
            locators[0] = _locatorOf(4, 140);
        }
        vm.prank(caller);
        try consent.replaceRecord(recordId, _locatorOf(0xbe, 140), clinicians, expiries, locators) {
            if (_mayChange(caller, recordId)) {
                _clearAccess(recordId);
                if (regrant) modelExpiry[recordId][clinicians[0]] = expiries[0];
            }
        } catch {}
    }

    function remove(uint256 actorSeed, uint256 recordSeed) external {
        address caller = _actor(actorSeed);
        uint256 recordId = _record(recordSeed);
        vm.prank(caller);
        try consent.removeRecord(recordId) {
            if (_mayChange(caller, recordId)) {
                modelRemoved[recordId] = true;
                _clearAccess(recordId);
            }
        } catch {}
    }

    function requestAndDecide(
        uint256 clinicianSeed,
        uint256 patientSeed,
        uint256 deciderSeed,
        uint256 recordSeed,
        uint256 lifetime,
        uint8 decision
    ) external {
        address clinician = _actor(clinicianSeed);
        address patient = _actor(patientSeed);
        uint256 requestId = _request(clinician, patient, new uint256[](0), decision % 6);
        if (requestId == 0) return;
        _decide(requestId, patient, clinician, _actor(deciderSeed), recordSeed, lifetime, decision);
    }

    /// Asks without answering, so pending requests pile up and the one-per-pair rule is exercised.
    function requestOnly(uint256 clinicianSeed, uint256 patientSeed, uint8 purpose) external {
        _request(_actor(clinicianSeed), _actor(patientSeed), new uint256[](0), purpose % 6);
    }

    /// Answers (or tries to, from a random account) whatever request is pending for a random pair.
    function decidePending(
        uint256 clinicianSeed,
        uint256 patientSeed,
        uint256 deciderSeed,
        uint256 recordSeed,
        uint256 lifetime,
        uint8 decision
    ) external {
        address clinician = _actor(clinicianSeed);
        address patient = _actor(patientSeed);
        uint256 requestId = consent.pendingRequestOf(patient, clinician);
        if (requestId != modelPending[patient][clinician]) ++hostileSuccesses;
        if (requestId == 0) return;
        _decide(requestId, patient, clinician, _actor(deciderSeed), recordSeed, lifetime, decision);
    }

    /// Hostile record lists and purposes: repeats, descending ids, too many ids, unknown purpose codes.
    function requestHostile(uint256 clinicianSeed, uint256 patientSeed, uint256 recordSeed, uint8 kind) external {
        address clinician = _actor(clinicianSeed);
        address patient = _actor(patientSeed);
        uint256 first = _record(recordSeed);
        uint256[] memory ids;
        uint8 purpose = 0;
        if (kind % 4 == 0) {
            ids = new uint256[](2);
            ids[0] = first;
            ids[1] = first;
        } else if (kind % 4 == 1) {
            ids = new uint256[](2);
            ids[0] = first;
            ids[1] = first - 1;
        } else if (kind % 4 == 2) {
            ids = new uint256[](consent.MAX_REQUEST_RECORDS() + 1);
            for (uint256 i = 0; i < ids.length; ++i) {
                ids[i] = first + i;
            }
        } else {
            ids = new uint256[](0);
            purpose = uint8(bound(kind, 6, 255));
        }
        vm.prank(clinician);
        try consent.requestAccess(patient, ids, purpose, bytes32(0)) {
            ++hostileSuccesses;
        } catch {}
    }

    function blockRequester(uint256 patientSeed, uint256 requesterSeed) external {
        address patient = _actor(patientSeed);
        address requester = _actor(requesterSeed);
        vm.prank(patient);
        try consent.blockRequester(requester) {
            if (modelBlocked[patient][requester]) ++hostileSuccesses;
            modelBlocked[patient][requester] = true;
        } catch {}
    }

    function unblockRequester(uint256 patientSeed, uint256 requesterSeed) external {
        address patient = _actor(patientSeed);
        address requester = _actor(requesterSeed);
        vm.prank(patient);
        try consent.unblockRequester(requester) {
            if (!modelBlocked[patient][requester]) ++hostileSuccesses;
            modelBlocked[patient][requester] = false;
        } catch {}
    }

    /// The attester reads a clinician's profile now; the verification may land much later.
    function review(uint256 clinicianSeed) external {
        address clinician = _actor(clinicianSeed);
        (string memory displayName, string memory organisation,) = consent.clinicianProfileOf(clinician);
        reviewedHash[clinician] = keccak256(abi.encode(displayName, organisation));
    }

    /// A clinician changes (or re-publishes) their profile, possibly between a review and its verification.
    function changeProfile(uint256 clinicianSeed, uint256 nameSeed) external {
        address clinician = _actor(clinicianSeed);
        string memory displayName = _names[nameSeed % _names.length];
        vm.prank(clinician);
        consent.setClinicianProfile(displayName, "Test Clinic");
        modelProfileHash[clinician] = keccak256(abi.encode(displayName, "Test Clinic"));
        modelVerifiedHash[clinician] = 0;
    }

    /// The attester verifies with the hash of what they last reviewed, or a random account tries to.
    function verify(uint256 clinicianSeed, uint256 callerSeed, bool asAttester) external {
        address clinician = _actor(clinicianSeed);
        address caller = asAttester ? attester : _actor(callerSeed);
        bytes32 reviewed = reviewedHash[clinician];
        vm.prank(caller);
        try consent.verifyClinician(clinician, reviewed) {
            if (caller != attester) ++unauthorizedSuccesses;
            if (reviewed != modelProfileHash[clinician]) ++hostileSuccesses;
            modelVerifiedHash[clinician] = reviewed;
        } catch {}
    }

    function withdrawVerification(uint256 clinicianSeed, uint256 callerSeed, bool asAttester) external {
        address clinician = _actor(clinicianSeed);
        address caller = asAttester ? attester : _actor(callerSeed);
        vm.prank(caller);
        try consent.withdrawVerification(clinician) {
            if (caller != attester) ++unauthorizedSuccesses;
            modelVerifiedHash[clinician] = 0;
        } catch {}
    }

    /// Grants with locators or expiries no honest client produces; every success is a violation.
    function grantHostile(uint256 recordSeed, uint256 clinicianSeed, uint256 lengthSeed, bool badExpiry) external {
        uint256 recordId = _record(recordSeed);
        address patient = modelPatient[recordId];
        if (patient == address(0)) return;
        uint256 length = badExpiry ? 140 : _outOfRange(lengthSeed);
        uint64 expiresAt = badExpiry
            ? uint64(block.timestamp + consent.MAX_GRANT_DURATION() + bound(lengthSeed, 1, 1e12))
            : uint64(block.timestamp + 1 days);
        vm.prank(patient);
        try consent.grantAccess(recordId, _actor(clinicianSeed), expiresAt, _locatorOf(9, length)) {
            ++hostileSuccesses;
        } catch {}
    }

    function _outOfRange(uint256 seed) private view returns (uint256) {
        return seed % 2 == 0
            ? bound(seed, 0, consent.MIN_LOCATOR_BYTES() - 1)
            : bound(seed, consent.MAX_LOCATOR_BYTES() + 1, 1024);
    }

    /// @dev Sends a request and keeps the model; returns its id, or 0 when refused.
    function _request(address clinician, address patient, uint256[] memory ids, uint8 purpose)
        private
        returns (uint256 requestId)
    {
        vm.prank(clinician);
        try consent.requestAccess(patient, ids, purpose, bytes32(0)) returns (uint256 id) {
            if (modelPending[patient][clinician] != 0 || modelBlocked[patient][clinician]) ++hostileSuccesses;
            modelPending[patient][clinician] = id;
            ++modelRequests;
            return id;
        } catch {
            return 0;
        }
    }

    function _decide(
        uint256 requestId,
        address patient,
        address clinician,
        address decider,
        uint256 recordSeed,
        uint256 lifetime,
        uint8 decision
    ) private {
        vm.prank(decider);
        if (decision % 3 == 0) {
            uint256 recordId = _record(recordSeed);
            try consent.approveRequest(requestId, _single(recordId), _singleExpiry(_expiry(lifetime)), _singleLocator()) {
                if (decider != patient) ++unauthorizedSuccesses;
                else if (_mayChange(decider, recordId)) modelExpiry[recordId][clinician] = _expiry(lifetime);
                modelPending[patient][clinician] = 0;
            } catch {}
        } else if (decision % 3 == 1) {
            try consent.denyRequest(requestId) {
                if (decider != patient) ++unauthorizedSuccesses;
                modelPending[patient][clinician] = 0;
            } catch {}
        } else {
            try consent.cancelRequest(requestId) {
                if (decider != clinician) ++unauthorizedSuccesses;
                modelPending[patient][clinician] = 0;
            } catch {}
        }
    }

    function warp(uint256 seconds_) external {
        vm.warp(block.timestamp + bound(seconds_, 1, 10 days));
    }

    function _single(uint256 value) private pure returns (uint256[] memory values) {
        values = new uint256[](1);
        values[0] = value;
    }

    function _singleExpiry(uint64 value) private pure returns (uint64[] memory values) {
        values = new uint64[](1);
        values[0] = value;
    }

    function _singleLocator() private pure returns (bytes[] memory values) {
        values = new bytes[](1);
        values[0] = _locatorOf(5, 140);
    }
}
