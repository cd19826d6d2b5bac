// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

// Forge conventions, not production code: test names are `test_subject_behaviour`, the cheatcode handle is
// `vm`, and assertion messages are long strings nobody pays gas for.
// solhint-disable func-name-mixedcase, gas-small-strings, one-contract-per-file, immutable-vars-naming

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {ChartkeyConsent} from "../ChartkeyConsent.sol";
import {TestBase} from "./Vm.sol";

/// @notice Unit and fuzz tests: every external function, every refusal, and the access rules.
contract ChartkeyConsentTest is TestBase {
    ChartkeyConsent internal consent;

    address internal constant ADMIN = address(0xAD);
    address internal constant ATTESTER = address(0xA7);
    address internal constant PATIENT = address(0x1001);
    address internal constant OTHER_PATIENT = address(0x1002);
    address internal constant CLINICIAN = address(0x2001);
    address internal constant SECOND_CLINICIAN = address(0x2002);
    address internal constant NO_KEY = address(0x3001);
    uint64 internal constant START = 1_700_000_000;
    uint64 internal constant DAY = 1 days;
    /// @dev 100 bytes: inside MIN_LOCATOR_BYTES–MAX_LOCATOR_BYTES, like a real sealed locator.
    bytes internal constant LOCATOR =
        hex"0101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101"
        hex"0202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202020202";

    function setUp() public {
        vm.warp(START);
        consent = new ChartkeyConsent(ADMIN, ATTESTER);
        _registerKey(PATIENT, bytes32(uint256(1)));
        _registerKey(OTHER_PATIENT, bytes32(uint256(2)));
        _registerKey(CLINICIAN, bytes32(uint256(3)));
        _registerKey(SECOND_CLINICIAN, bytes32(uint256(4)));
    }

    // --- helpers ---------------------------------------------------------------------------------

    function _registerKey(address account, bytes32 key) internal {
        vm.prank(account);
        consent.registerEncryptionKey(key);
    }

    function _addRecord(address patient) internal returns (uint256 recordId) {
        vm.prank(patient);
        recordId = consent.addRecord(LOCATOR);
    }

    function _grant(uint256 recordId, address clinician, uint64 expiresAt) internal {
        vm.prank(PATIENT);
        consent.grantAccess(recordId, clinician, expiresAt, LOCATOR);
    }

    function _profile(address clinician) internal {
        vm.prank(clinician);
        consent.setClinicianProfile("Dr. Ana Silva", "St. Mary's, Cardiology");
    }

    function _request(address clinician, uint256[] memory recordIds) internal returns (uint256 requestId) {
        vm.prank(clinician);
        requestId = consent.requestAccess(PATIENT, recordIds, uint8(ChartkeyConsent.Purpose.Treatment), bytes32(0));
    }

    function _one(uint256 value) internal pure returns (uint256[] memory values) {
        values = new uint256[](1);
        values[0] = value;
    }

    function _oneExpiry(uint64 value) internal pure returns (uint64[] memory values) {
        values = new uint64[](1);
        values[0] = value;
    }

    function _oneLocator() internal pure returns (bytes[] memory values) {
        values = new bytes[](1);
        values[0] = LOCATOR;
    }

    function _filled(uint8 value, uint256 length) internal pure returns (bytes memory filled) {
        filled = new bytes(length);
        for (uint256 i = 0; i < length; ++i) {
            filled[i] = bytes1(value);
        }
    }

    function _profileHash(string memory displayName, string memory organisation) internal pure returns (bytes32) {
        return keccak256(abi.encode(displayName, organisation));
    }

    /// The hash of the profile `_profile` publishes: what an attester who read it would pass.
    function _reviewed() internal pure returns (bytes32) {
        return _profileHash("Dr. Ana Silva", "St. Mary's, Cardiology");
    }

    function _oneAddress(address value) internal pure returns (address[] memory values) {
        values = new address[](1);
        values[0] = value;
    }

    // --- deployment and roles -------------------------------------------------------------------------

    function test_constructor_setsRoles() public view {
        vm.assertTrue(consent.hasRole(consent.ATTESTER_ROLE(), ATTESTER), "attester");
        vm.assertTrue(consent.hasRole(consent.DEFAULT_ADMIN_ROLE(), ADMIN), "admin");
        vm.assertFalse(consent.hasRole(consent.ATTESTER_ROLE(), ADMIN), "admin is not attester");
    }

    function test_constructor_zeroAdminMakesAttestersPermanent() public {
        ChartkeyConsent fixedSet = new ChartkeyConsent(address(0), ATTESTER);
        vm.assertTrue(fixedSet.hasRole(fixedSet.ATTESTER_ROLE(), ATTESTER), "attester");
        vm.assertFalse(fixedSet.hasRole(fixedSet.DEFAULT_ADMIN_ROLE(), address(this)), "deployer is not admin");
        vm.assertEq(fixedSet.getRoleAdmin(fixedSet.ATTESTER_ROLE()), fixedSet.DEFAULT_ADMIN_ROLE(), "only an admin could appoint");
    }

    function test_constructor_refusesZeroAttester() public {
        vm.expectRevert(ChartkeyConsent.InvalidAttester.selector);
        new ChartkeyConsent(ADMIN, address(0));
    }

    // --- encryption keys -------------------------------------------------------------------------------

    function test_registerEncryptionKey_registersAndRotates() public {
        vm.expectEmit(true, false, false, true, address(consent));
        emit ChartkeyConsent.EncryptionKeyRegistered(NO_KEY, bytes32(uint256(9)));
        _registerKey(NO_KEY, bytes32(uint256(9)));
        vm.assertEq(consent.encryptionKeyOf(NO_KEY), bytes32(uint256(9)), "registered");
        _registerKey(NO_KEY, bytes32(uint256(10)));
        vm.assertEq(consent.encryptionKeyOf(NO_KEY), bytes32(uint256(10)), "rotated");
    }

    function test_registerEncryptionKey_refusesZero() public {
        vm.expectRevert(ChartkeyConsent.ZeroKey.selector);
        _registerKey(NO_KEY, bytes32(0));
    }

    // --- records ---------------------------------------------------------------------------------------

    function test_addRecord_numbersFromOneAndStores() public {
        vm.expectEmit(true, true, false, true, address(consent));
        emit ChartkeyConsent.RecordAdded(PATIENT, 1, LOCATOR);
        vm.assertEq(_addRecord(PATIENT), 1, "first id");
        vm.assertEq(_addRecord(OTHER_PATIENT), 2, "second id");
        (address patient, uint32 version, bool removed) = consent.recordOf(1);
        vm.assertEq(patient, PATIENT, "patient");
        vm.assertEq(version, 1, "version");
        vm.assertFalse(removed, "removed");
        (uint256 records, uint256 requests) = consent.counts();
        vm.assertEq(records, 2, "record count");
        vm.assertEq(requests, 0, "request count");
    }

    function test_addRecord_refusals() public {
        vm.prank(NO_KEY);
        vm.expectRevert(abi.encodeWithSelector(ChartkeyConsent.EncryptionKeyNotRegistered.selector, NO_KEY));
        consent.addRecord(LOCATOR);
        vm.prank(PATIENT);
        vm.expectRevert(abi.encodeWithSelector(ChartkeyConsent.LocatorLengthOutOfRange.selector, 0));
        consent.addRecord("");
    }

    function test_replaceRecord_bumpsVersionAndEndsOldGrants() public {
        uint256 recordId = _addRecord(PATIENT);
        _grant(recordId, CLINICIAN, START + DAY);
        vm.prank(PATIENT);
        vm.expectEmit(true, true, false, true, address(consent));
        emit ChartkeyConsent.RecordReplaced(PATIENT, recordId, 2, _filled(0xaa, 100));
        uint32 version = consent.replaceRecord(recordId, _filled(0xaa, 100), new address[](0), new uint64[](0), new bytes[](0));
        vm.assertEq(version, 2, "version");
        vm.assertFalse(consent.hasAccess(recordId, CLINICIAN), "old grant lapsed");
        vm.assertTrue(consent.hasAccess(recordId, PATIENT), "patient keeps access");
    }

    function test_replaceRecord_regrantsWithFreshLocatorsInTheSameTransaction() public {
        uint256 recordId = _addRecord(PATIENT);
        _grant(recordId, CLINICIAN, START + DAY);
        _grant(recordId, SECOND_CLINICIAN, START + DAY);
        vm.prank(PATIENT);
        vm.expectEmit(true, true, true, true, address(consent));
        emit ChartkeyConsent.AccessGranted(PATIENT, CLINICIAN, recordId, START + 2 * DAY, _filled(0xbb, 100));
        consent.replaceRecord(recordId, _filled(0xaa, 100), _oneAddress(CLINICIAN), _oneExpiry(START + 2 * DAY), _locator(_filled(0xbb, 100)));
        vm.assertTrue(consent.hasAccess(recordId, CLINICIAN), "re-granted clinician");
        vm.assertFalse(consent.hasAccess(recordId, SECOND_CLINICIAN), "not re-granted clinician");
        (uint64 expiresAt, uint32 version, uint32 epoch) = consent.grantOf(recordId, CLINICIAN);
        vm.assertEq(expiresAt, START + 2 * DAY, "expiry");
        vm.assertEq(version, 2, "grant at new version");
        vm.assertEq(epoch, 0, "epoch");
    }

    function _locator(bytes memory value) internal pure returns (bytes[] memory values) {
        values = new bytes[](1);
        values[0] = value;
    }

    function test_replaceRecord_refusals() public {
        uint256 recordId = _addRecord(PATIENT);
        address[] memory none = new address[](0);
        vm.prank(PATIENT);
        vm.expectRevert(ChartkeyConsent.LengthMismatch.selector);
        consent.replaceRecord(recordId, LOCATOR, none, _oneExpiry(START + DAY), new bytes[](0));
        vm.prank(PATIENT);
        vm.expectRevert(ChartkeyConsent.LengthMismatch.selector);
        consent.replaceRecord(recordId, LOCATOR, none, new uint64[](0), _oneLocator());
        vm.prank(PATIENT);
        vm.expectRevert(abi.encodeWithSelector(ChartkeyConsent.LocatorLengthOutOfRange.selector, 0));
        consent.replaceRecord(recordId, "", none, new uint64[](0), new bytes[](0));
        vm.prank(OTHER_PATIENT);
        vm.expectRevert(abi.encodeWithSelector(ChartkeyConsent.NotRecordPatient.selector, recordId, OTHER_PATIENT));
        consent.replaceRecord(recordId, LOCATOR, none, new uint64[](0), new bytes[](0));
        vm.prank(PATIENT);
        vm.expectRevert(abi.encodeWithSelector(ChartkeyConsent.UnknownRecord.selector, 99));
        consent.replaceRecord(99, LOCATOR, none, new uint64[](0), new bytes[](0));
        // Re-grants are checked like any grant: valid clinician, future expiry, non-empty locator.
        vm.prank(PATIENT);
        vm.expectRevert(abi.encodeWithSelector(ChartkeyConsent.InvalidClinician.selector, PATIENT));
        consent.replaceRecord(recordId, LOCATOR, _oneAddress(PATIENT), _oneExpiry(START + DAY), _oneLocator());
        vm.prank(PATIENT);
        vm.expectRevert(abi.encodeWithSelector(ChartkeyConsent.ExpiryNotInFuture.selector, START));
        consent.replaceRecord(recordId, LOCATOR, _oneAddress(CLINICIAN), _oneExpiry(START), _oneLocator());
        vm.prank(PATIENT);
        vm.expectRevert(abi.encodeWithSelector(ChartkeyConsent.LocatorLengthOutOfRange.selector, 0));
        consent.replaceRecord(recordId, LOCATOR, _oneAddress(CLINICIAN), _oneExpiry(START + DAY), _locator(""));
    }

    function test_removeRecord_endsAccessForEveryoneAndFreezes() public {
        uint256 recordId = _addRecord(PATIENT);
        _grant(recordId, CLINICIAN, START + DAY);
        vm.prank(PATIENT);
        vm.expectEmit(true, true, false, true, address(consent));
        emit ChartkeyConsent.RecordRemoved(PATIENT, recordId);
        consent.removeRecord(recordId);
        vm.assertFalse(consent.hasAccess(recordId, CLINICIAN), "clinician");
        vm.assertFalse(consent.hasAccess(recordId, PATIENT), "patient");
        vm.prank(PATIENT);
        vm.expectRevert(abi.encodeWithSelector(ChartkeyConsent.RecordIsRemoved.selector, recordId));
        consent.removeRecord(recordId);
        vm.prank(CLINICIAN);
        vm.expectRevert(abi.encodeWithSelector(ChartkeyConsent.NotRecordPatient.selector, recordId, CLINICIAN));
        consent.removeRecord(recordId);
    }

    // --- grants ----------------------------------------------------------------------------------------

    function test_grantAccess_givesAccessUntilExpiry() public {
        uint256 recordId = _addRecord(PATIENT);
        vm.expectEmit(true, true, true, true, address(consent));
        emit ChartkeyConsent.AccessGranted(PATIENT, CLINICIAN, recordId, START + DAY, LOCATOR);
        _grant(recordId, CLINICIAN, START + DAY);
        vm.assertTrue(consent.hasAccess(recordId, CLINICIAN), "active");
        vm.assertFalse(consent.hasAccess(recordId, SECOND_CLINICIAN), "other clinician");
        vm.warp(START + DAY - 1);
        vm.assertTrue(consent.hasAccess(recordId, CLINICIAN), "last second");
        vm.warp(START + DAY);
        vm.assertFalse(consent.hasAccess(recordId, CLINICIAN), "expired");
    }

    function test_grantAccess_refusals() public {
        uint256 recordId = _addRecord(PATIENT);
        vm.prank(PATIENT);
        vm.expectRevert(abi.encodeWithSelector(ChartkeyConsent.InvalidClinician.selector, address(0)));
        consent.grantAccess(recordId, address(0), START + DAY, LOCATOR);
        vm.prank(PATIENT);
        vm.expectRevert(abi.encodeWithSelector(ChartkeyConsent.InvalidClinician.selector, PATIENT));
        consent.grantAccess(recordId, PATIENT, START + DAY, LOCATOR);
        vm.prank(PATIENT);
        vm.expectRevert(abi.encodeWithSelector(ChartkeyConsent.EncryptionKeyNotRegistered.selector, NO_KEY));
        consent.grantAccess(recordId, NO_KEY, START + DAY, LOCATOR);
        vm.prank(PATIENT);
        vm.expectRevert(abi.encodeWithSelector(ChartkeyConsent.ExpiryNotInFuture.selector, START));
        consent.grantAccess(recordId, CLINICIAN, START, LOCATOR);
        vm.prank(PATIENT);
        vm.expectRevert(abi.encodeWithSelector(ChartkeyConsent.LocatorLengthOutOfRange.selector, 0));
        consent.grantAccess(recordId, CLINICIAN, START + DAY, "");
        vm.prank(CLINICIAN);
        vm.expectRevert(abi.encodeWithSelector(ChartkeyConsent.NotRecordPatient.selector, recordId, CLINICIAN));
        consent.grantAccess(recordId, SECOND_CLINICIAN, START + DAY, LOCATOR);
    }

    function test_grantAccessBatch_grantsEachRecord() public {
        uint256[] memory recordIds = new uint256[](3);
        uint64[] memory expiries = new uint64[](3);
        bytes[] memory locators = new bytes[](3);
        for (uint256 i = 0; i < 3; ++i) {
            recordIds[i] = _addRecord(PATIENT);
            expiries[i] = START + uint64(i + 1) * DAY;
            locators[i] = LOCATOR;
        }
        vm.prank(PATIENT);
        consent.grantAccessBatch(recordIds, CLINICIAN, expiries, locators);
        for (uint256 i = 0; i < 3; ++i) {
            vm.assertTrue(consent.hasAccess(recordIds[i], CLINICIAN), "granted");
            (uint64 expiresAt,,) = consent.grantOf(recordIds[i], CLINICIAN);
            vm.assertEq(expiresAt, expiries[i], "expiry");
        }
    }

    function test_grantAccessBatch_refusals() public {
        uint256 own = _addRecord(PATIENT);
        uint256 foreign = _addRecord(OTHER_PATIENT);
        vm.prank(PATIENT);
        vm.expectRevert(ChartkeyConsent.EmptyBatch.selector);
        consent.grantAccessBatch(new uint256[](0), CLINICIAN, new uint64[](0), new bytes[](0));
        vm.prank(PATIENT);
        vm.expectRevert(ChartkeyConsent.LengthMismatch.selector);
        consent.grantAccessBatch(_one(own), CLINICIAN, new uint64[](0), _oneLocator());
        vm.prank(PATIENT);
        vm.expectRevert(ChartkeyConsent.LengthMismatch.selector);
        consent.grantAccessBatch(_one(own), CLINICIAN, _oneExpiry(START + DAY), new bytes[](0));
        uint256[] memory both = new uint256[](2);
        both[0] = own;
        both[1] = foreign;
        uint64[] memory expiries = new uint64[](2);
        expiries[0] = START + DAY;
        expiries[1] = START + DAY;
        bytes[] memory locators = new bytes[](2);
        locators[0] = LOCATOR;
        locators[1] = LOCATOR;
        vm.prank(PATIENT);
        vm.expectRevert(abi.encodeWithSelector(ChartkeyConsent.NotRecordPatient.selector, foreign, PATIENT));
        consent.grantAccessBatch(both, CLINICIAN, expiries, locators);
        vm.assertFalse(consent.hasAccess(own, CLINICIAN), "all or nothing");
    }

    function test_revokeAccess_endsAnActiveGrantOnly() public {
        uint256 recordId = _addRecord(PATIENT);
        vm.prank(PATIENT);
        vm.expectRevert(abi.encodeWithSelector(ChartkeyConsent.NoActiveGrant.selector, recordId, CLINICIAN));
        consent.revokeAccess(recordId, CLINICIAN);
        _grant(recordId, CLINICIAN, START + DAY);
        vm.prank(CLINICIAN);
        vm.expectRevert(abi.encodeWithSelector(ChartkeyConsent.NotRecordPatient.selector, recordId, CLINICIAN));
        consent.revokeAccess(recordId, CLINICIAN);
        vm.prank(PATIENT);
        vm.expectEmit(true, true, true, true, address(consent));
        emit ChartkeyConsent.AccessRevoked(PATIENT, CLINICIAN, recordId);
        consent.revokeAccess(recordId, CLINICIAN);
        vm.assertFalse(consent.hasAccess(recordId, CLINICIAN), "revoked");
        (uint64 expiresAt,,) = consent.grantOf(recordId, CLINICIAN);
        vm.assertEq(expiresAt, 0, "slot cleared");
    }

    function test_revokeAccessBatch_revokesAllOrNothing() public {
        uint256 first = _addRecord(PATIENT);
        uint256 second = _addRecord(PATIENT);
        _grant(first, CLINICIAN, START + DAY);
        uint256[] memory both = new uint256[](2);
        both[0] = first;
        both[1] = second;
        vm.prank(PATIENT);
        vm.expectRevert(abi.encodeWithSelector(ChartkeyConsent.NoActiveGrant.selector, second, CLINICIAN));
        consent.revokeAccessBatch(both, CLINICIAN);
        vm.assertTrue(consent.hasAccess(first, CLINICIAN), "untouched after refusal");
        _grant(second, CLINICIAN, START + DAY);
        vm.prank(PATIENT);
        consent.revokeAccessBatch(both, CLINICIAN);
        vm.assertFalse(consent.hasAccess(first, CLINICIAN), "first");
        vm.assertFalse(consent.hasAccess(second, CLINICIAN), "second");
        vm.prank(PATIENT);
        vm.expectRevert(ChartkeyConsent.EmptyBatch.selector);
        consent.revokeAccessBatch(new uint256[](0), CLINICIAN);
    }

    function test_revokeAllForClinician_voidsEveryEarlierGrantOnly() public {
        uint256 first = _addRecord(PATIENT);
        uint256 second = _addRecord(PATIENT);
        _grant(first, CLINICIAN, START + DAY);
        _grant(second, CLINICIAN, START + DAY);
        _grant(first, SECOND_CLINICIAN, START + DAY);
        vm.prank(PATIENT);
        vm.expectEmit(true, true, false, true, address(consent));
        emit ChartkeyConsent.AllAccessRevoked(PATIENT, CLINICIAN, 1);
        vm.assertEq(consent.revokeAllForClinician(CLINICIAN), 1, "epoch");
        vm.assertEq(consent.epochOf(PATIENT, CLINICIAN), 1, "stored epoch");
        vm.assertFalse(consent.hasAccess(first, CLINICIAN), "first");
        vm.assertFalse(consent.hasAccess(second, CLINICIAN), "second");
        vm.assertTrue(consent.hasAccess(first, SECOND_CLINICIAN), "other clinician untouched");
        vm.prank(PATIENT);
        vm.expectRevert(abi.encodeWithSelector(ChartkeyConsent.NoActiveGrant.selector, first, CLINICIAN));
        consent.revokeAccess(first, CLINICIAN);
        // Granting again after a revoke-all works, in the new epoch.
        _grant(first, CLINICIAN, START + DAY);
        vm.assertTrue(consent.hasAccess(first, CLINICIAN), "re-granted");
        (,, uint32 epoch) = consent.grantOf(first, CLINICIAN);
        vm.assertEq(epoch, 1, "grant epoch");
    }

    function test_revokeAllForClinician_refusesZeroAndSelf() public {
        vm.prank(PATIENT);
        vm.expectRevert(abi.encodeWithSelector(ChartkeyConsent.InvalidClinician.selector, address(0)));
        consent.revokeAllForClinician(address(0));
        vm.prank(PATIENT);
        vm.expectRevert(abi.encodeWithSelector(ChartkeyConsent.InvalidClinician.selector, PATIENT));
        consent.revokeAllForClinician(PATIENT);
    }

    function test_hasAccess_unknownRecordAndStrangers() public {
        uint256 recordId = _addRecord(PATIENT);
        vm.assertTrue(consent.hasAccess(recordId, PATIENT), "patient");
        vm.assertFalse(consent.hasAccess(recordId, OTHER_PATIENT), "stranger");
        vm.assertFalse(consent.hasAccess(777, PATIENT), "unknown record");
    }

    // --- clinician profiles and verification -----------------------------------------------------------

    function test_setClinicianProfile_publishesAndUpdates() public {
        vm.prank(CLINICIAN);
        vm.expectEmit(true, false, false, true, address(consent));
        emit ChartkeyConsent.ClinicianProfileSet(CLINICIAN, "Dr. A", "");
        consent.setClinicianProfile("Dr. A", "");
        (string memory name, string memory organisation, bool verified) = consent.clinicianProfileOf(CLINICIAN);
        vm.assertEq(name, "Dr. A", "name");
        vm.assertEq(organisation, "", "organisation");
        vm.assertFalse(verified, "not verified");
    }

    function test_setClinicianProfile_refusals() public {
        vm.prank(CLINICIAN);
        vm.expectRevert(ChartkeyConsent.EmptyDisplayName.selector);
        consent.setClinicianProfile("", "Org");
        string memory tooLongName = string(new bytes(65));
        vm.prank(CLINICIAN);
        vm.expectRevert(abi.encodeWithSelector(ChartkeyConsent.ProfileFieldTooLong.selector, 65, 64));
        consent.setClinicianProfile(tooLongName, "Org");
        string memory tooLongOrganisation = string(new bytes(129));
        vm.prank(CLINICIAN);
        vm.expectRevert(abi.encodeWithSelector(ChartkeyConsent.ProfileFieldTooLong.selector, 129, 128));
        consent.setClinicianProfile("Dr. A", tooLongOrganisation);
    }

    function test_verification_byAttesterOnly_andClearedByProfileChange() public {
        _profile(CLINICIAN);
        // Read before pranking: the prank applies to the very next call.
        bytes32 role = consent.ATTESTER_ROLE();
        vm.prank(PATIENT);
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, PATIENT, role));
        consent.verifyClinician(CLINICIAN, _reviewed());
        vm.prank(ATTESTER);
        vm.expectEmit(true, true, false, true, address(consent));
        emit ChartkeyConsent.ClinicianVerified(CLINICIAN, ATTESTER, _reviewed());
        consent.verifyClinician(CLINICIAN, _reviewed());
        (,, bool verified) = consent.clinicianProfileOf(CLINICIAN);
        vm.assertTrue(verified, "verified");
        vm.prank(ATTESTER);
        vm.expectRevert(abi.encodeWithSelector(ChartkeyConsent.ClinicianAlreadyVerified.selector, CLINICIAN));
        consent.verifyClinician(CLINICIAN, _reviewed());

        // Changing the profile ends the verification: the attester vouched for the old text.
        vm.prank(CLINICIAN);
        vm.expectEmit(true, true, false, true, address(consent));
        emit ChartkeyConsent.ClinicianVerificationWithdrawn(CLINICIAN, CLINICIAN);
        consent.setClinicianProfile("Dr. Someone Else", "");
        (,, verified) = consent.clinicianProfileOf(CLINICIAN);
        vm.assertFalse(verified, "cleared by change");
    }

    function test_withdrawVerification() public {
        _profile(CLINICIAN);
        vm.prank(ATTESTER);
        vm.expectRevert(abi.encodeWithSelector(ChartkeyConsent.ClinicianNotVerified.selector, CLINICIAN));
        consent.withdrawVerification(CLINICIAN);
        vm.prank(ATTESTER);
        consent.verifyClinician(CLINICIAN, _reviewed());
        bytes32 role = consent.ATTESTER_ROLE();
        // The admin appoints attesters but cannot attest itself.
        vm.prank(ADMIN);
        vm.expectRevert(abi.encodeWithSelector(IAccessControl.AccessControlUnauthorizedAccount.selector, ADMIN, role));
        consent.withdrawVerification(CLINICIAN);
        vm.prank(ATTESTER);
        vm.expectEmit(true, true, false, true, address(consent));
        emit ChartkeyConsent.ClinicianVerificationWithdrawn(CLINICIAN, ATTESTER);
        consent.withdrawVerification(CLINICIAN);
        (,, bool verified) = consent.clinicianProfileOf(CLINICIAN);
        vm.assertFalse(verified, "withdrawn");
    }

    function test_verifyClinician_requiresProfile() public {
        vm.prank(ATTESTER);
        vm.expectRevert(abi.encodeWithSelector(ChartkeyConsent.ClinicianProfileMissing.selector, CLINICIAN));
        consent.verifyClinician(CLINICIAN, _reviewed());
    }

    function test_admin_appointsAnotherAttester() public {
        bytes32 role = consent.ATTESTER_ROLE();
        vm.prank(ADMIN);
        consent.grantRole(role, SECOND_CLINICIAN);
        _profile(CLINICIAN);
        vm.prank(SECOND_CLINICIAN);
        consent.verifyClinician(CLINICIAN, _reviewed());
        (,, bool verified) = consent.clinicianProfileOf(CLINICIAN);
        vm.assertTrue(verified, "verified by the new attester");
    }

    // --- access requests -------------------------------------------------------------------------------

    function test_requestAccess_recordsAPendingRequest() public {
        uint256 recordId = _addRecord(PATIENT);
        _profile(CLINICIAN);
        vm.prank(CLINICIAN);
        vm.expectEmit(true, true, true, true, address(consent));
        emit ChartkeyConsent.AccessRequested(
            1, PATIENT, CLINICIAN, ChartkeyConsent.Purpose.SecondOpinion, _one(recordId), bytes32(uint256(0xabc))
        );
        uint256 requestId =
            consent.requestAccess(PATIENT, _one(recordId), uint8(ChartkeyConsent.Purpose.SecondOpinion), bytes32(uint256(0xabc)));
        vm.assertEq(requestId, 1, "id");
        (address patient, address clinician, ChartkeyConsent.Purpose purpose, ChartkeyConsent.RequestStatus status) =
            consent.requestOf(requestId);
        vm.assertEq(patient, PATIENT, "patient");
        vm.assertEq(clinician, CLINICIAN, "clinician");
        vm.assertEq(uint8(purpose), uint8(ChartkeyConsent.Purpose.SecondOpinion), "purpose");
        vm.assertEq(uint8(status), uint8(ChartkeyConsent.RequestStatus.Pending), "status");
        // An empty list asks for everything (from another clinician: one pending request per pair).
        _profile(SECOND_CLINICIAN);
        vm.assertEq(_request(SECOND_CLINICIAN, new uint256[](0)), 2, "request for all");
        (, uint256 requests) = consent.counts();
        vm.assertEq(requests, 2, "count");
    }

    function test_requestAccess_refusals() public {
        uint256 own = _addRecord(PATIENT);
        uint256 foreign = _addRecord(OTHER_PATIENT);
        uint256[] memory none = new uint256[](0);
        uint8 purpose = uint8(ChartkeyConsent.Purpose.Treatment);
        vm.prank(CLINICIAN);
        vm.expectRevert(abi.encodeWithSelector(ChartkeyConsent.ClinicianProfileMissing.selector, CLINICIAN));
        consent.requestAccess(PATIENT, none, purpose, 0);
        _profile(NO_KEY);
        vm.prank(NO_KEY);
        vm.expectRevert(abi.encodeWithSelector(ChartkeyConsent.EncryptionKeyNotRegistered.selector, NO_KEY));
        consent.requestAccess(PATIENT, none, purpose, 0);
        _profile(CLINICIAN);
        vm.startPrank(CLINICIAN);
        vm.expectRevert(abi.encodeWithSelector(ChartkeyConsent.InvalidPatient.selector, address(0)));
        consent.requestAccess(address(0), none, purpose, 0);
        vm.expectRevert(abi.encodeWithSelector(ChartkeyConsent.InvalidPatient.selector, CLINICIAN));
        consent.requestAccess(CLINICIAN, none, purpose, 0);
        vm.expectRevert(abi.encodeWithSelector(ChartkeyConsent.InvalidPatient.selector, NO_KEY));
        consent.requestAccess(NO_KEY, none, purpose, 0);
        vm.expectRevert(abi.encodeWithSelector(ChartkeyConsent.RecordNotRequestable.selector, foreign, PATIENT));
        consent.requestAccess(PATIENT, _one(foreign), purpose, 0);
        vm.stopPrank();
        vm.prank(PATIENT);
        consent.removeRecord(own);
        vm.prank(CLINICIAN);
        vm.expectRevert(abi.encodeWithSelector(ChartkeyConsent.RecordNotRequestable.selector, own, PATIENT));
        consent.requestAccess(PATIENT, _one(own), purpose, 0);
    }

    function test_approveRequest_grantsAndCloses() public {
        uint256 recordId = _addRecord(PATIENT);
        _profile(CLINICIAN);
        uint256 requestId = _request(CLINICIAN, _one(recordId));
        vm.prank(PATIENT);
        vm.expectEmit(true, true, true, true, address(consent));
        emit ChartkeyConsent.AccessRequestApproved(requestId, PATIENT, CLINICIAN);
        consent.approveRequest(requestId, _one(recordId), _oneExpiry(START + DAY), _oneLocator());
        vm.assertTrue(consent.hasAccess(recordId, CLINICIAN), "granted");
        (,,, ChartkeyConsent.RequestStatus status) = consent.requestOf(requestId);
        vm.assertEq(uint8(status), uint8(ChartkeyConsent.RequestStatus.Approved), "approved");
        vm.prank(PATIENT);
        vm.expectRevert(
            abi.encodeWithSelector(
                ChartkeyConsent.RequestNotPending.selector, requestId, ChartkeyConsent.RequestStatus.Approved
            )
        );
        consent.denyRequest(requestId);
    }

    function test_approveRequest_refusals() public {
        uint256 recordId = _addRecord(PATIENT);
        _profile(CLINICIAN);
        uint256 requestId = _request(CLINICIAN, _one(recordId));
        vm.prank(PATIENT);
        vm.expectRevert(abi.encodeWithSelector(ChartkeyConsent.UnknownRequest.selector, 9));
        consent.approveRequest(9, _one(recordId), _oneExpiry(START + DAY), _oneLocator());
        // The clinician cannot approve their own request.
        vm.prank(CLINICIAN);
        vm.expectRevert(abi.encodeWithSelector(ChartkeyConsent.NotRequestPatient.selector, requestId, CLINICIAN));
        consent.approveRequest(requestId, _one(recordId), _oneExpiry(START + DAY), _oneLocator());
        vm.prank(PATIENT);
        vm.expectRevert(ChartkeyConsent.EmptyBatch.selector);
        consent.approveRequest(requestId, new uint256[](0), new uint64[](0), new bytes[](0));
        (,,, ChartkeyConsent.RequestStatus status) = consent.requestOf(requestId);
        vm.assertEq(uint8(status), uint8(ChartkeyConsent.RequestStatus.Pending), "still pending after refusal");
    }

    function test_denyRequest() public {
        _profile(CLINICIAN);
        uint256 requestId = _request(CLINICIAN, new uint256[](0));
        vm.prank(OTHER_PATIENT);
        vm.expectRevert(abi.encodeWithSelector(ChartkeyConsent.NotRequestPatient.selector, requestId, OTHER_PATIENT));
        consent.denyRequest(requestId);
        vm.prank(PATIENT);
        vm.expectEmit(true, true, true, true, address(consent));
        emit ChartkeyConsent.AccessRequestDenied(requestId, PATIENT, CLINICIAN);
        consent.denyRequest(requestId);
        (,,, ChartkeyConsent.RequestStatus status) = consent.requestOf(requestId);
        vm.assertEq(uint8(status), uint8(ChartkeyConsent.RequestStatus.Denied), "denied");
        vm.prank(PATIENT);
        vm.expectRevert(abi.encodeWithSelector(ChartkeyConsent.UnknownRequest.selector, 5));
        consent.denyRequest(5);
    }

    function test_cancelRequest() public {
        _profile(CLINICIAN);
        uint256 requestId = _request(CLINICIAN, new uint256[](0));
        vm.prank(PATIENT);
        vm.expectRevert(abi.encodeWithSelector(ChartkeyConsent.NotRequestClinician.selector, requestId, PATIENT));
        consent.cancelRequest(requestId);
        vm.prank(CLINICIAN);
        vm.expectRevert(abi.encodeWithSelector(ChartkeyConsent.UnknownRequest.selector, 4));
        consent.cancelRequest(4);
        vm.prank(CLINICIAN);
        vm.expectEmit(true, true, true, true, address(consent));
        emit ChartkeyConsent.AccessRequestCancelled(requestId, PATIENT, CLINICIAN);
        consent.cancelRequest(requestId);
        vm.prank(CLINICIAN);
        vm.expectRevert(
            abi.encodeWithSelector(
                ChartkeyConsent.RequestNotPending.selector, requestId, ChartkeyConsent.RequestStatus.Cancelled
            )
        );
        consent.cancelRequest(requestId);
        vm.prank(PATIENT);
        vm.expectRevert(
            abi.encodeWithSelector(
                ChartkeyConsent.RequestNotPending.selector, requestId, ChartkeyConsent.RequestStatus.Cancelled
            )
        );
        consent.approveRequest(requestId, new uint256[](0), new uint64[](0), new bytes[](0));
    }

    // --- hardening against hostile callers -------------------------------------------------------------

    /// The front-run from issue 10: the clinician changes the profile after the attester reviewed it and
    /// before the verification lands. The verification is refused; the reviewed text, if restored, verifies.
    function test_verifyClinician_refusesAProfileChangedAfterReview() public {
        _profile(CLINICIAN);
        bytes32 reviewed = _reviewed();
        vm.prank(CLINICIAN);
        consent.setClinicianProfile("Dr. Impostor", "Elsewhere");
        bytes32 current = _profileHash("Dr. Impostor", "Elsewhere");
        vm.prank(ATTESTER);
        vm.expectRevert(
            abi.encodeWithSelector(ChartkeyConsent.ClinicianProfileChanged.selector, CLINICIAN, reviewed, current)
        );
        consent.verifyClinician(CLINICIAN, reviewed);
        (,, bool verified) = consent.clinicianProfileOf(CLINICIAN);
        vm.assertFalse(verified, "changed profile not verified");
        // A hash of other fields that happen to concatenate the same is a different profile.
        vm.prank(ATTESTER);
        vm.expectRevert(
            abi.encodeWithSelector(
                ChartkeyConsent.ClinicianProfileChanged.selector,
                CLINICIAN,
                _profileHash("Dr. Impostor Elsewhere", ""),
                current
            )
        );
        consent.verifyClinician(CLINICIAN, _profileHash("Dr. Impostor Elsewhere", ""));
        // Back to exactly the reviewed text: that is what the attester vouched for.
        _profile(CLINICIAN);
        vm.prank(ATTESTER);
        consent.verifyClinician(CLINICIAN, reviewed);
        (,, verified) = consent.clinicianProfileOf(CLINICIAN);
        vm.assertTrue(verified, "reviewed text verified");
    }

    function test_requestAccess_onePendingRequestPerPair() public {
        _profile(CLINICIAN);
        _profile(SECOND_CLINICIAN);
        uint256 first = _request(CLINICIAN, new uint256[](0));
        vm.assertEq(consent.pendingRequestOf(PATIENT, CLINICIAN), first, "pending");
        vm.prank(CLINICIAN);
        vm.expectRevert(abi.encodeWithSelector(ChartkeyConsent.RequestAlreadyPending.selector, first));
        consent.requestAccess(PATIENT, new uint256[](0), uint8(ChartkeyConsent.Purpose.Emergency), bytes32(0));
        // Other pairs are independent.
        uint256 other = _request(SECOND_CLINICIAN, new uint256[](0));
        vm.prank(CLINICIAN);
        consent.requestAccess(OTHER_PATIENT, new uint256[](0), 0, bytes32(0));
        // Once answered or cancelled, the clinician may ask again.
        vm.prank(PATIENT);
        consent.denyRequest(first);
        vm.assertEq(consent.pendingRequestOf(PATIENT, CLINICIAN), 0, "none pending after deny");
        uint256 second = _request(CLINICIAN, new uint256[](0));
        vm.prank(CLINICIAN);
        consent.cancelRequest(second);
        uint256 recordId = _addRecord(PATIENT);
        uint256 third = _request(CLINICIAN, new uint256[](0));
        vm.prank(PATIENT);
        consent.approveRequest(third, _one(recordId), _oneExpiry(START + DAY), _oneLocator());
        uint256 fourth = _request(CLINICIAN, new uint256[](0));
        vm.assertEq(consent.pendingRequestOf(PATIENT, CLINICIAN), fourth, "new pending");
        vm.assertEq(consent.pendingRequestOf(PATIENT, SECOND_CLINICIAN), other, "other pair");
        vm.assertEq(consent.pendingRequestOf(OTHER_PATIENT, SECOND_CLINICIAN), 0, "never asked");
    }

    function test_requestAccess_refusesRepeatedAndUnorderedRecordIds() public {
        _profile(CLINICIAN);
        uint256 a = _addRecord(PATIENT);
        uint256 b = _addRecord(PATIENT);
        uint256[] memory ids = new uint256[](3);
        ids[0] = a;
        ids[1] = b;
        ids[2] = b;
        vm.prank(CLINICIAN);
        vm.expectRevert(abi.encodeWithSelector(ChartkeyConsent.DuplicateRecordId.selector, b));
        consent.requestAccess(PATIENT, ids, 0, bytes32(0));
        uint256[] memory twice = new uint256[](2);
        twice[0] = a;
        twice[1] = a;
        vm.prank(CLINICIAN);
        vm.expectRevert(abi.encodeWithSelector(ChartkeyConsent.DuplicateRecordId.selector, a));
        consent.requestAccess(PATIENT, twice, 0, bytes32(0));
        uint256[] memory descending = new uint256[](2);
        descending[0] = b;
        descending[1] = a;
        vm.prank(CLINICIAN);
        vm.expectRevert(abi.encodeWithSelector(ChartkeyConsent.RecordIdsNotAscending.selector, a));
        consent.requestAccess(PATIENT, descending, 0, bytes32(0));
        // Record 0 never exists: refused as not requestable, not as a repeat.
        vm.prank(CLINICIAN);
        vm.expectRevert(abi.encodeWithSelector(ChartkeyConsent.RecordNotRequestable.selector, 0, PATIENT));
        consent.requestAccess(PATIENT, _one(0), 0, bytes32(0));
        ids = new uint256[](2);
        ids[0] = a;
        ids[1] = b;
        vm.assertEq(_request(CLINICIAN, ids), 1, "ascending and distinct");
    }

    function test_requestAccess_boundsTheRecordList() public {
        _profile(CLINICIAN);
        uint256 max = consent.MAX_REQUEST_RECORDS();
        uint256[] memory ids = new uint256[](max + 1);
        for (uint256 i = 0; i < max + 1; ++i) {
            ids[i] = _addRecord(PATIENT);
        }
        vm.prank(CLINICIAN);
        vm.expectRevert(abi.encodeWithSelector(ChartkeyConsent.TooManyRecords.selector, max + 1, max));
        consent.requestAccess(PATIENT, ids, 0, bytes32(0));
        uint256[] memory most = new uint256[](max);
        for (uint256 i = 0; i < max; ++i) {
            most[i] = ids[i];
        }
        vm.assertEq(_request(CLINICIAN, most), 1, "exactly the maximum");
    }

    function test_requestAccess_refusesUnknownPurposeByName() public {
        _profile(CLINICIAN);
        uint8 next = uint8(type(ChartkeyConsent.Purpose).max) + 1;
        vm.prank(CLINICIAN);
        vm.expectRevert(abi.encodeWithSelector(ChartkeyConsent.UnknownPurpose.selector, next));
        consent.requestAccess(PATIENT, new uint256[](0), next, bytes32(0));
        vm.prank(CLINICIAN);
        vm.expectRevert(abi.encodeWithSelector(ChartkeyConsent.UnknownPurpose.selector, 255));
        consent.requestAccess(PATIENT, new uint256[](0), 255, bytes32(0));
        vm.prank(CLINICIAN);
        uint256 requestId = consent.requestAccess(PATIENT, new uint256[](0), next - 1, bytes32(0));
        (,, ChartkeyConsent.Purpose purpose,) = consent.requestOf(requestId);
        vm.assertEq(uint8(purpose), uint8(ChartkeyConsent.Purpose.Administrative), "last code accepted");
    }

    function test_blockRequester_stopsRequestsUntilUnblocked() public {
        _profile(CLINICIAN);
        uint256 pending = _request(CLINICIAN, new uint256[](0));
        vm.prank(PATIENT);
        vm.expectEmit(true, true, false, true, address(consent));
        emit ChartkeyConsent.RequesterBlocked(PATIENT, CLINICIAN);
        consent.blockRequester(CLINICIAN);
        vm.assertTrue(consent.isBlocked(PATIENT, CLINICIAN), "blocked");
        vm.assertFalse(consent.isBlocked(OTHER_PATIENT, CLINICIAN), "only for this patient");
        // The request sent before the block is still the patient's to answer.
        vm.prank(PATIENT);
        consent.denyRequest(pending);
        vm.prank(CLINICIAN);
        vm.expectRevert(abi.encodeWithSelector(ChartkeyConsent.BlockedByPatient.selector, PATIENT));
        consent.requestAccess(PATIENT, new uint256[](0), 0, bytes32(0));
        // Another patient is not affected.
        vm.prank(CLINICIAN);
        consent.requestAccess(OTHER_PATIENT, new uint256[](0), 0, bytes32(0));
        vm.prank(PATIENT);
        vm.expectRevert(abi.encodeWithSelector(ChartkeyConsent.AlreadyBlocked.selector, CLINICIAN));
        consent.blockRequester(CLINICIAN);

        vm.prank(PATIENT);
        vm.expectEmit(true, true, false, true, address(consent));
        emit ChartkeyConsent.RequesterUnblocked(PATIENT, CLINICIAN);
        consent.unblockRequester(CLINICIAN);
        vm.assertFalse(consent.isBlocked(PATIENT, CLINICIAN), "unblocked");
        vm.prank(PATIENT);
        vm.expectRevert(abi.encodeWithSelector(ChartkeyConsent.NotBlocked.selector, CLINICIAN));
        consent.unblockRequester(CLINICIAN);
        _request(CLINICIAN, new uint256[](0));
    }

    function test_blockRequester_refusalsAndStrangers() public {
        vm.prank(PATIENT);
        vm.expectRevert(abi.encodeWithSelector(ChartkeyConsent.InvalidClinician.selector, address(0)));
        consent.blockRequester(address(0));
        vm.prank(PATIENT);
        vm.expectRevert(abi.encodeWithSelector(ChartkeyConsent.InvalidClinician.selector, PATIENT));
        consent.blockRequester(PATIENT);
        // A block only ever concerns the caller's own inbox: the blocked account cannot lift it.
        vm.prank(PATIENT);
        consent.blockRequester(NO_KEY);
        vm.prank(NO_KEY);
        vm.expectRevert(abi.encodeWithSelector(ChartkeyConsent.NotBlocked.selector, NO_KEY));
        consent.unblockRequester(NO_KEY);
        vm.assertTrue(consent.isBlocked(PATIENT, NO_KEY), "still blocked");
    }

    function test_locators_mustHaveASealedLocatorsLength() public {
        uint256 min = consent.MIN_LOCATOR_BYTES();
        uint256 max = consent.MAX_LOCATOR_BYTES();
        bytes memory short_ = _filled(7, min - 1);
        bytes memory long_ = _filled(7, max + 1);
        bytes memory tooShort = abi.encodeWithSelector(ChartkeyConsent.LocatorLengthOutOfRange.selector, min - 1);
        bytes memory tooLong = abi.encodeWithSelector(ChartkeyConsent.LocatorLengthOutOfRange.selector, max + 1);
        vm.prank(PATIENT);
        vm.expectRevert(tooShort);
        consent.addRecord(short_);
        vm.prank(PATIENT);
        vm.expectRevert(tooLong);
        consent.addRecord(long_);
        vm.prank(PATIENT);
        uint256 recordId = consent.addRecord(_filled(7, min));
        vm.prank(PATIENT);
        vm.expectRevert(tooShort);
        consent.grantAccess(recordId, CLINICIAN, START + DAY, short_);
        vm.prank(PATIENT);
        vm.expectRevert(tooLong);
        consent.grantAccess(recordId, CLINICIAN, START + DAY, long_);
        vm.prank(PATIENT);
        vm.expectRevert(tooShort);
        consent.replaceRecord(recordId, short_, new address[](0), new uint64[](0), new bytes[](0));
        vm.prank(PATIENT);
        vm.expectRevert(tooShort);
        consent.replaceRecord(recordId, LOCATOR, _oneAddress(CLINICIAN), _oneExpiry(START + DAY), _locator(short_));
        _profile(CLINICIAN);
        uint256 requestId = _request(CLINICIAN, _one(recordId));
        vm.prank(PATIENT);
        vm.expectRevert(tooShort);
        consent.approveRequest(requestId, _one(recordId), _oneExpiry(START + DAY), _locator(short_));
        // Both ends of the range are accepted.
        vm.prank(PATIENT);
        consent.grantAccess(recordId, CLINICIAN, START + DAY, _filled(7, min));
        vm.prank(PATIENT);
        consent.grantAccess(recordId, SECOND_CLINICIAN, START + DAY, _filled(7, max));
        vm.assertTrue(consent.hasAccess(recordId, SECOND_CLINICIAN), "longest locator");
    }

    function test_grants_refuseAnExpiryBeyondTheCeiling() public {
        uint256 recordId = _addRecord(PATIENT);
        uint64 latest = START + uint64(consent.MAX_GRANT_DURATION());
        bytes memory tooFar = abi.encodeWithSelector(ChartkeyConsent.ExpiryTooFar.selector, latest + 1, latest);
        vm.prank(PATIENT);
        vm.expectRevert(tooFar);
        consent.grantAccess(recordId, CLINICIAN, latest + 1, LOCATOR);
        // A millisecond timestamp passed as seconds is the mistake this catches.
        vm.prank(PATIENT);
        vm.expectRevert(
            abi.encodeWithSelector(ChartkeyConsent.ExpiryTooFar.selector, uint64(START) * 1000, latest)
        );
        consent.grantAccess(recordId, CLINICIAN, uint64(START) * 1000, LOCATOR);
        vm.prank(PATIENT);
        vm.expectRevert(tooFar);
        consent.replaceRecord(recordId, LOCATOR, _oneAddress(CLINICIAN), _oneExpiry(latest + 1), _oneLocator());
        _grant(recordId, CLINICIAN, latest);
        vm.assertTrue(consent.hasAccess(recordId, CLINICIAN), "exactly the ceiling");
    }

    // --- fuzz ------------------------------------------------------------------------------------------

    /// Expiry is exact to the second for any grant length and any moment checked.
    function testFuzz_grantGivesAccessExactlyBeforeExpiry(uint64 lifetime, uint64 checkAt) public {
        lifetime = uint64(bound(lifetime, 1, consent.MAX_GRANT_DURATION()));
        uint256 recordId = _addRecord(PATIENT);
        uint64 expiresAt = START + lifetime;
        _grant(recordId, CLINICIAN, expiresAt);
        checkAt = uint64(bound(checkAt, START, uint256(expiresAt) + 365 days));
        vm.warp(checkAt);
        vm.assertEq(consent.hasAccess(recordId, CLINICIAN), checkAt < expiresAt, "access iff before expiry");
    }

    /// Nobody but the record's patient can grant, replace, revoke or remove, whatever they pass.
    function testFuzz_onlyThePatientChangesARecord(address caller, address clinician, uint64 expiresAt) public {
        vm.assume(caller != PATIENT);
        uint256 recordId = _addRecord(PATIENT);
        bytes memory notPatient = abi.encodeWithSelector(ChartkeyConsent.NotRecordPatient.selector, recordId, caller);
        if (clinician != address(0) && clinician != caller && consent.encryptionKeyOf(clinician) != bytes32(0)) {
            vm.prank(caller);
            vm.expectRevert(notPatient);
            consent.grantAccess(recordId, clinician, expiresAt, LOCATOR);
        }
        vm.prank(caller);
        vm.expectRevert(notPatient);
        consent.replaceRecord(recordId, LOCATOR, new address[](0), new uint64[](0), new bytes[](0));
        vm.prank(caller);
        vm.expectRevert(notPatient);
        consent.revokeAccess(recordId, clinician);
        vm.prank(caller);
        vm.expectRevert(notPatient);
        consent.removeRecord(recordId);
        vm.assertFalse(caller != address(0) && consent.hasAccess(recordId, caller), "no access gained");
    }

    /// However a hostile clinician words a request's record list, a repeated id never gets through.
    function testFuzz_requestWithARepeatedRecordIsRefused(uint8 length, uint8 repeatAt) public {
        _profile(CLINICIAN);
        length = uint8(bound(length, 2, 8));
        repeatAt = uint8(bound(repeatAt, 1, length - 1));
        uint256[] memory ids = new uint256[](length);
        for (uint256 i = 0; i < length; ++i) {
            ids[i] = i == repeatAt ? ids[i - 1] : _addRecord(PATIENT);
        }
        vm.prank(CLINICIAN);
        vm.expectRevert(abi.encodeWithSelector(ChartkeyConsent.DuplicateRecordId.selector, ids[repeatAt]));
        consent.requestAccess(PATIENT, ids, 0, bytes32(0));
    }

    /// Any number of revoke-alls leave no earlier grant active, and a fresh grant works again.
    function testFuzz_revokeAllVoidsEarlierGrants(uint8 rounds) public {
        rounds = uint8(bound(rounds, 1, 20));
        uint256 recordId = _addRecord(PATIENT);
        for (uint256 i = 0; i < rounds; ++i) {
            _grant(recordId, CLINICIAN, START + DAY);
            vm.prank(PATIENT);
            consent.revokeAllForClinician(CLINICIAN);
            vm.assertFalse(consent.hasAccess(recordId, CLINICIAN), "voided");
        }
        _grant(recordId, CLINICIAN, START + DAY);
        vm.assertTrue(consent.hasAccess(recordId, CLINICIAN), "fresh grant");
    }
}
