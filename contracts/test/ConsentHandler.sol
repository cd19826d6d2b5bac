// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

// Forge conventions, not production code: test names are `test_subject_behaviour`, the cheatcode handle is
// `vm`, and assertion messages are long strings nobody pays gas for.
// solhint-disable func-name-mixedcase, gas-small-strings, immutable-vars-naming

import {ChartkeyConsent} from "../ChartkeyConsent.sol";
import {TestBase} from "./Vm.sol";

/// @notice Drives random sequences of every state-changing call, from random callers (patients, clinicians,
/// strangers alike), and keeps an independent model of who should have access. Only calls the patient makes
/// may change the model; any success by someone else is counted as a violation.
contract ConsentHandler is TestBase {
    ChartkeyConsent public immutable consent;
    address[5] public actors = [address(0x1001), address(0x1002), address(0x2001), address(0x2002), address(0x3001)];

    uint256[] public recordIds;
    mapping(uint256 recordId => address) public modelPatient;
    mapping(uint256 recordId => bool) public modelRemoved;
    /// @dev The expiry the model says is live for (record, reader); 0 means no access.
    mapping(uint256 recordId => mapping(address reader => uint64)) public modelExpiry;
    uint256 public modelRequests;
    /// @dev Calls that succeeded for someone who had no right to make them; must stay 0.
    uint256 public unauthorizedSuccesses;

    constructor(ChartkeyConsent consent_) {
        consent = consent_;
        for (uint256 i = 0; i < actors.length; ++i) {
            vm.startPrank(actors[i]);
            consent.registerEncryptionKey(bytes32(i + 1));
            consent.setClinicianProfile("Dr. Test", "Test Clinic");
            vm.stopPrank();
        }
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
        uint256 recordId = consent.addRecord(hex"c0ffee");
        recordIds.push(recordId);
        modelPatient[recordId] = caller;
    }

    function grant(uint256 actorSeed, uint256 recordSeed, uint256 clinicianSeed, uint256 lifetime) external {
        address caller = _actor(actorSeed);
        uint256 recordId = _record(recordSeed);
        address clinician = _actor(clinicianSeed);
        uint64 expiresAt = _expiry(lifetime);
        vm.prank(caller);
        try consent.grantAccess(recordId, clinician, expiresAt, hex"01") {
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
        locators[0] = hex"02";
        locators[1] = hex"03";
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
            locators[0] = hex"04";
        }
        vm.prank(caller);
        try consent.replaceRecord(recordId, hex"beef", clinicians, expiries, locators) {
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
        vm.prank(clinician);
        uint256 requestId;
        try consent.requestAccess(patient, new uint256[](0), ChartkeyConsent.Purpose(decision % 6), bytes32(0)) returns (
            uint256 id
        ) {
            requestId = id;
            ++modelRequests;
        } catch {
            return;
        }
        address decider = _actor(deciderSeed);
        vm.prank(decider);
        if (decision % 3 == 0) {
            uint256 recordId = _record(recordSeed);
            try consent.approveRequest(requestId, _single(recordId), _singleExpiry(_expiry(lifetime)), _singleLocator()) {
                if (decider != patient) ++unauthorizedSuccesses;
                else if (_mayChange(decider, recordId)) modelExpiry[recordId][clinician] = _expiry(lifetime);
            } catch {}
        } else if (decision % 3 == 1) {
            try consent.denyRequest(requestId) {
                if (decider != patient) ++unauthorizedSuccesses;
            } catch {}
        } else {
            try consent.cancelRequest(requestId) {
                if (decider != clinician) ++unauthorizedSuccesses;
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
        values[0] = hex"05";
    }
}
