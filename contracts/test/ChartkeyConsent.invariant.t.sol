// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

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

    function setUp() public {
        vm.warp(1_700_000_000);
        consent = new ChartkeyConsent(address(0xAD), address(0xA7));
        handler = new ConsentHandler(consent);
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

    /// The contract's counters equal the number of successful adds and requests (one event each).
    function invariant_countsMatchSuccessfulCalls() public view {
        (uint256 records, uint256 requests) = consent.counts();
        vm.assertEq(records, handler.recordCount(), "records");
        vm.assertEq(requests, handler.modelRequests(), "requests");
    }
}
