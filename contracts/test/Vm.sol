// SPDX-License-Identifier: MIT
pragma solidity 0.8.37;

// `Vm` and `vm` are the names forge's own cheatcode interface uses; tests read the same as upstream ones.
// solhint-disable interface-starts-with-i, const-name-snakecase

/// @notice The few forge cheatcodes Chartkey's tests use, declared here rather than pulled from npm: the
/// `forge-std` package on npm is an old unofficial republish, and the real one would need a git download.
/// Signatures match forge's cheatcode ABI, so forge dispatches them by selector.
interface Vm {
    struct Log {
        bytes32[] topics;
        bytes data;
        address emitter;
    }

    function prank(address sender) external;
    function startPrank(address sender) external;
    function stopPrank() external;
    function warp(uint256 timestamp) external;
    function expectRevert(bytes calldata revertData) external;
    function expectRevert(bytes4 revertSelector) external;
    function expectEmit(bool checkTopic1, bool checkTopic2, bool checkTopic3, bool checkData, address emitter)
        external;
    function assume(bool condition) external;
    function recordLogs() external;
    function getRecordedLogs() external returns (Log[] memory logs);
    function assertEq(uint256 left, uint256 right, string calldata message) external pure;
    function assertEq(address left, address right, string calldata message) external pure;
    function assertEq(bool left, bool right, string calldata message) external pure;
    function assertEq(bytes32 left, bytes32 right, string calldata message) external pure;
    function assertEq(string calldata left, string calldata right, string calldata message) external pure;
    function assertTrue(bool condition, string calldata message) external pure;
    function assertFalse(bool condition, string calldata message) external pure;
}

/// @notice Minimal test base: the cheatcode handle, forge's invariant hooks and a `bound` helper.
abstract contract TestBase {
    Vm internal constant vm = Vm(address(uint160(uint256(keccak256("hevm cheat code")))));

    address[] private _targetContracts;

    /// @dev Read by forge's invariant runner: only these contracts receive random calls.
    function targetContracts() public view returns (address[] memory) {
        return _targetContracts;
    }

    function targetContract(address target) internal {
        _targetContracts.push(target);
    }

    /// @dev Maps any fuzzed value into [min, max] without discarding runs (forge-std's `bound`, simplified).
    function bound(uint256 value, uint256 min, uint256 max) internal pure returns (uint256) {
        return min + (value % (max - min + 1));
    }
}
