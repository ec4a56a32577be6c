// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IERC5192} from "./interfaces/IERC5192.sol";

/// @title SoulboundBadge
/// @notice ERC-5192 minimal soul-bound NFT: badges are minted to a holder, never move and are
/// removed by revocation (REVOKER_ROLE) or by their holder (burn). Each badge records its type and
/// the id of the verifiable credential it stands for. A credential belongs to the holder it was
/// first badged for: after a revocation or burn it may be badged again, but only for that holder.
/// @dev Token ids start at 1 and are never reused. `locked` is true for every existing token.
/// Approvals and safeTransferFrom revert outright; transferFrom (and any other inherited path)
/// reaches `_update`, which refuses every holder-to-holder move with BadgeNotTransferable.
/// (transferFrom is not overridden with a bare revert because ERC721's safeTransferFrom body calls
/// it, and an always-reverting callee makes solc warn about unreachable code there.)
contract SoulboundBadge is ERC721, AccessControlDefaultAdminRules, IERC5192 {
    /// @notice Role allowed to mint badges.
    bytes32 public constant ISSUER_ROLE = keccak256("ISSUER_ROLE");
    /// @notice Role allowed to revoke (burn) badges.
    bytes32 public constant REVOKER_ROLE = keccak256("REVOKER_ROLE");

    /// @notice What a badge records besides its holder.
    /// @param badgeType Application-defined badge type, e.g. keccak256("DataContributor").
    /// @param credentialId Identifier of the credential, e.g. keccak256 of the VC id.
    /// @param issuedAt Block timestamp of the mint.
    struct Badge {
        bytes32 badgeType;
        bytes32 credentialId;
        uint64 issuedAt;
    }

    /// @notice A transfer of a soul-bound badge was attempted.
    /// @param tokenId The badge that cannot move.
    error BadgeNotTransferable(uint256 tokenId);
    /// @notice An approval was attempted; soul-bound badges have no operators.
    error BadgeApprovalNotAllowed();
    /// @notice The credential id of a mint was zero.
    error ZeroCredentialId();
    /// @notice A live badge already stands for this credential.
    /// @param credentialId The credential.
    /// @param tokenId The badge that stands for it.
    error CredentialAlreadyBadged(bytes32 credentialId, uint256 tokenId);
    /// @notice The credential was badged for another holder; it can never be badged for someone else.
    /// @param credentialId The credential.
    /// @param holder The holder it belongs to.
    error CredentialOfAnotherHolder(bytes32 credentialId, address holder);
    /// @notice Only the badge's holder may burn it.
    /// @param tokenId The badge.
    /// @param caller The caller.
    error NotBadgeHolder(uint256 tokenId, address caller);

    /// @notice A badge was minted.
    /// @param tokenId The new badge.
    /// @param holder The account that holds it.
    /// @param badgeType The badge type.
    /// @param credentialId The credential it stands for.
    event BadgeIssued(uint256 indexed tokenId, address indexed holder, bytes32 indexed badgeType, bytes32 credentialId);
    /// @notice A badge was revoked and burned.
    /// @param tokenId The badge.
    /// @param holder The account that held it.
    /// @param credentialId The credential it stood for.
    /// @param reason Why it was revoked.
    event BadgeRevoked(uint256 indexed tokenId, address indexed holder, bytes32 indexed credentialId, string reason);
    /// @notice The holder burned its badge.
    event BadgeBurned(uint256 indexed tokenId, address indexed holder, bytes32 indexed credentialId);

    uint256 private _lastTokenId;
    mapping(uint256 tokenId => Badge) private _badges;
    mapping(bytes32 credentialId => uint256 tokenId) private _tokenOfCredential;
    mapping(bytes32 credentialId => address holder) private _holderOfCredential;

    /// @param name_ ERC-721 collection name.
    /// @param symbol_ ERC-721 collection symbol.
    /// @param admin Receives DEFAULT_ADMIN_ROLE (grants ISSUER_ROLE and REVOKER_ROLE).
    /// @param adminDelay Seconds between beginning and accepting a hand-over of DEFAULT_ADMIN_ROLE.
    constructor(string memory name_, string memory symbol_, address admin, uint48 adminDelay)
        ERC721(name_, symbol_)
        AccessControlDefaultAdminRules(adminDelay, admin)
    {}

    /// @notice Mints a badge to `holder`. Emits Transfer, Locked and BadgeIssued.
    /// @param holder The account that receives the badge (an EOA or a contract; no receiver hook is called).
    /// @param badgeType Application-defined badge type.
    /// @param credentialId Identifier of the credential; at most one live badge per credential.
    /// @return tokenId The new badge id.
    function mint(address holder, bytes32 badgeType, bytes32 credentialId)
        external
        onlyRole(ISSUER_ROLE)
        returns (uint256 tokenId)
    {
        if (credentialId == bytes32(0)) revert ZeroCredentialId();
        uint256 existing = _tokenOfCredential[credentialId];
        if (existing != 0) revert CredentialAlreadyBadged(credentialId, existing);
        address owner = _holderOfCredential[credentialId];
        if (owner == address(0)) {
            _holderOfCredential[credentialId] = holder;
        } else if (owner != holder) {
            revert CredentialOfAnotherHolder(credentialId, owner);
        }
        tokenId = ++_lastTokenId;
        _badges[tokenId] = Badge(badgeType, credentialId, uint64(block.timestamp));
        _tokenOfCredential[credentialId] = tokenId;
        _mint(holder, tokenId);
        emit Locked(tokenId);
        emit BadgeIssued(tokenId, holder, badgeType, credentialId);
    }

    /// @notice The holder burns its own badge (its credential can later be badged for it again).
    /// @param tokenId The badge.
    function burn(uint256 tokenId) external {
        address holder = _requireOwned(tokenId);
        if (holder != msg.sender) revert NotBadgeHolder(tokenId, msg.sender);
        bytes32 credentialId = _badges[tokenId].credentialId;
        delete _badges[tokenId];
        delete _tokenOfCredential[credentialId];
        _burn(tokenId);
        emit BadgeBurned(tokenId, holder, credentialId);
    }

    /// @notice The holder a credential belongs to (zero when it was never badged).
    /// @param credentialId The credential.
    /// @return The holder.
    function holderOfCredential(bytes32 credentialId) external view returns (address) {
        return _holderOfCredential[credentialId];
    }

    /// @notice Revokes and burns a badge. Emits Transfer (to zero) and BadgeRevoked.
    /// @dev The credential id becomes free again, so a re-issued credential can be badged anew.
    /// @param tokenId The badge.
    /// @param reason Why it is revoked.
    function revoke(uint256 tokenId, string calldata reason) external onlyRole(REVOKER_ROLE) {
        address holder = _requireOwned(tokenId);
        bytes32 credentialId = _badges[tokenId].credentialId;
        delete _badges[tokenId];
        delete _tokenOfCredential[credentialId];
        _burn(tokenId);
        emit BadgeRevoked(tokenId, holder, credentialId, reason);
    }

    /// @inheritdoc IERC5192
    function locked(uint256 tokenId) external view returns (bool) {
        _requireOwned(tokenId);
        return true;
    }

    /// @notice The record of an existing badge; reverts ERC721NonexistentToken otherwise.
    /// @param tokenId The badge.
    /// @return holder The account that holds it.
    /// @return badgeType The badge type.
    /// @return credentialId The credential it stands for.
    /// @return issuedAt Block timestamp of the mint.
    function badgeOf(uint256 tokenId)
        external
        view
        returns (address holder, bytes32 badgeType, bytes32 credentialId, uint64 issuedAt)
    {
        holder = _requireOwned(tokenId);
        Badge storage badge = _badges[tokenId];
        return (holder, badge.badgeType, badge.credentialId, badge.issuedAt);
    }

    /// @notice The live badge that stands for a credential, or 0 when there is none.
    /// @param credentialId The credential.
    /// @return The badge id, or 0.
    function tokenOfCredential(bytes32 credentialId) external view returns (uint256) {
        return _tokenOfCredential[credentialId];
    }

    /// @notice Number of badges ever minted (the highest token id).
    /// @return The highest token id.
    function totalIssued() external view returns (uint256) {
        return _lastTokenId;
    }

    /// @notice Always reverts: badges have no approvals.
    /// @param to Ignored.
    /// @param tokenId Ignored.
    function approve(address to, uint256 tokenId) public pure override {
        (to, tokenId);
        revert BadgeApprovalNotAllowed();
    }

    /// @notice Always reverts: badges have no operators.
    /// @param operator Ignored.
    /// @param approved Ignored.
    function setApprovalForAll(address operator, bool approved) public pure override {
        (operator, approved);
        revert BadgeApprovalNotAllowed();
    }

    /// @notice Always reverts: badges cannot be transferred (both safeTransferFrom overloads end here).
    /// @param from Ignored.
    /// @param to Ignored.
    /// @param tokenId The badge.
    /// @param data Ignored.
    function safeTransferFrom(address from, address to, uint256 tokenId, bytes memory data) public pure override {
        (from, to, data);
        revert BadgeNotTransferable(tokenId);
    }

    /// @notice ERC-165: ERC-721, ERC-721 Metadata, AccessControl and ERC-5192 (0xb45a3c0e).
    /// @param interfaceId The interface id.
    /// @return Whether the interface is supported.
    function supportsInterface(bytes4 interfaceId) public view override(ERC721, AccessControlDefaultAdminRules) returns (bool) {
        return interfaceId == type(IERC5192).interfaceId || super.supportsInterface(interfaceId);
    }

    /// @dev Only mints (from zero) and burns (to zero) may change a token's holder.
    function _update(address to, uint256 tokenId, address auth) internal override returns (address) {
        address from = _ownerOf(tokenId);
        if (from != address(0) && to != address(0)) revert BadgeNotTransferable(tokenId);
        return super._update(to, tokenId, auth);
    }
}
