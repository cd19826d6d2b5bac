// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

// Forge conventions, not production code: test names are `test_subject_behaviour`, the cheatcode handle is
// `vm`, and assertion messages are long strings nobody pays gas for.
// solhint-disable func-name-mixedcase, gas-small-strings, immutable-vars-naming

import {ChartkeyConsent} from "../ChartkeyConsent.sol";
import {TestBase} from "./Vm.sol";
import {ConsentHandler} from "./ConsentHandler.sol";

/// @notice Invariants over the handler's random sequences.
contract ChartkeyConsentInvariantTest is TestBase {
    ChartkeyConsent internal consent;
    ConsentHandler internal handler;

    /// @notice A request names an account the handler never uses.
    error UnknownActor(address actor);

    function setUp() public {
        vm.warp(1_700_000_000);
        consent = new ChartkeyConsent(address(0xAD), address(0xA7));
        handler = new ConsentHandler(consent, address(0xA7));
        targetContract(address(handler));
    }

    /// hasAccess agrees with the model for every record and account: nobody but the patient created or widened
    /// access, and expired, revoked, revoked-all, replaced and removed grants never report access.
    function invariant_accessMatchesModel() public view {
        uint256 records = handler.recordCount();
        uint256 actors = handler.actorCount();
        for (uint256 i = 0; i < records; ++i) {
            uint256 recordId = handler.recordIds(i);
            bool removed = handler.modelRemoved(recordId);
            address patient = handler.modelPatient(recordId);
            for (uint256 j = 0; j < actors; ++j) {
                address reader = handler.actors(j);
                bool expected = !removed
                    && (reader == patient || handler.modelExpiry(recordId, reader) > block.timestamp);
                vm.assertEq(consent.hasAccess(recordId, reader), expected, "hasAccess differs from the model");
            }
        }
    }

    function invariant_onlyEntitledCallersSucceed() public view {
        vm.assertEq(handler.unauthorizedSuccesses(), 0, "a call succeeded for someone without the right");
    }

    function invariant_hostileInputsAndSequencesRefused() public view {
        vm.assertEq(handler.hostileSuccesses(), 0, "a hostile input or sequence was accepted");
    }

    /// At most one request per (patient, clinician) is pending, and it is the one the contract reports.
    function invariant_atMostOnePendingRequestPerPair() public view {
        (, uint256 requests) = consent.counts();
        uint256 actors = handler.actorCount();
        uint256[] memory pending = new uint256[](actors * actors);
        for (uint256 id = 1; id < requests + 1; ++id) {
            (address patient, address clinician,, ChartkeyConsent.RequestStatus status) = consent.requestOf(id);
            if (status != ChartkeyConsent.RequestStatus.Pending) continue;
            uint256 pair = _index(patient) * actors + _index(clinician);
            vm.assertEq(pending[pair], 0, "two pending requests for one pair");
            pending[pair] = id;
        }
        for (uint256 i = 0; i < actors; ++i) {
            for (uint256 j = 0; j < actors; ++j) {
                address patient = handler.actors(i);
                address clinician = handler.actors(j);
                vm.assertEq(consent.pendingRequestOf(patient, clinician), pending[i * actors + j], "pendingRequestOf");
                vm.assertEq(consent.pendingRequestOf(patient, clinician), handler.modelPending(patient, clinician), "model");
                vm.assertEq(consent.isBlocked(patient, clinician), handler.modelBlocked(patient, clinician), "blocked");
            }
        }
    }

    /// A clinician is verified only while their profile is exactly the text the attester verified.
    function invariant_verifiedOnlyForTheReviewedText() public view {
        uint256 actors = handler.actorCount();
        for (uint256 i = 0; i < actors; ++i) {
            address clinician = handler.actors(i);
            (string memory displayName, string memory organisation, bool verified) = consent.clinicianProfileOf(clinician);
            bytes32 current = keccak256(abi.encode(displayName, organisation));
            vm.assertEq(current, handler.modelProfileHash(clinician), "profile text");
            bytes32 verifiedHash = handler.modelVerifiedHash(clinician);
            vm.assertEq(verified, verifiedHash != bytes32(0), "verified differs from the model");
            if (verified) vm.assertEq(verifiedHash, current, "verified a text the attester did not review");
        }
    }

    function _index(address actor) private view returns (uint256) {
        uint256 actors = handler.actorCount();
        for (uint256 i = 0; i < actors; ++i) {
            if (handler.actors(i) == actor) return i;
        }
        revert UnknownActor(actor);
    }

    /// The contract's counters equal the number of successful adds and requests (one event each).
    function invariant_countsMatchSuccessfulCalls() public view {
        (uint256 records, uint256 requests) = consent.counts();
        vm.assertEq(records, handler.recordCount(), "records");
        vm.assertEq(requests, handler.modelRequests(), "requests");
    }
}
