using System.Runtime.InteropServices;

namespace MLGov.Trust.Keys;

/// <summary>
/// The one libsodium function NSec does not expose: full validation of an Ed25519 public key. libsodium comes with NSec
/// (its <c>libsodium</c> package dependency), which also initializes it before first use.
/// </summary>
internal static partial class Sodium
{
    private const string Library = "libsodium";

    static Sodium()
    {
        // NSec's algorithm classes run sodium_init; touch one so the library is loaded and initialized first.
        _ = NSec.Cryptography.SignatureAlgorithm.Ed25519;
    }

    /// <summary>
    /// True when the 32 bytes are the canonical encoding of a point on Edwards25519 that is in the prime-order subgroup
    /// and not of small order: the same refusals as RFC 8032 decoding plus the subgroup check (mixed-order keys).
    /// </summary>
    public static bool IsValidEd25519Point(ReadOnlySpan<byte> point) =>
        point.Length == 32 && crypto_core_ed25519_is_valid_point(point) == 1;

    [LibraryImport(Library)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.AssemblyDirectory | DllImportSearchPath.SafeDirectories)]
    private static partial int crypto_core_ed25519_is_valid_point(ReadOnlySpan<byte> p);
}
