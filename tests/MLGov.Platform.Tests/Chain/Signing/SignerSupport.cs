using System.Numerics;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using MLGov.Platform.Chain.Signing;
using MLGov.Testing.KeyVault;

namespace MLGov.Platform.Tests.Chain.Signing;

/// <summary>Builds Key Vault signers against the stand-in, and checks signatures with anvil's ecrecover precompile.</summary>
internal static class SignerSupport
{
    /// <summary>The secp256k1 group order n, as published in SEC 2 (section 2.4.1), written out here independently of the code under test.</summary>
    public static readonly BigInteger Order = BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);

    public static KeyVaultSigner Signer(KeyVaultStandIn vault, Uri keyId, Action<ChainSignerOptions>? configure = null)
    {
        var options = new ChainSignerOptions { KeyVaultKeyId = keyId, RequestTimeout = TimeSpan.FromSeconds(5), RetryDelay = TimeSpan.FromMilliseconds(20) };
        configure?.Invoke(options);
        return new KeyVaultSigner(options, vault.Credential, NullLogger<KeyVaultSigner>.Instance);
    }

    public static BigInteger Unsigned(byte[] bigEndian) => new(bigEndian, isUnsigned: true, isBigEndian: true);

    public static byte[] RandomDigest() => System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);

    /// <summary>
    /// The address the EVM's ecrecover precompile (address 0x01) recovers from (digest, v, r, s), run by anvil:
    /// an implementation independent of the signer's. Null when it recovers nothing.
    /// </summary>
    public static async Task<string?> EcRecoverAsync(Uri rpc, byte[] digest, byte recoveryId, byte[] r, byte[] s)
    {
        var v = new byte[32];
        v[31] = (byte)(27 + recoveryId);
        var input = "0x" + Convert.ToHexStringLower([.. digest, .. v, .. r, .. s]);
        var result = await RpcAsync(rpc, "eth_call", new object[] { new { to = "0x0000000000000000000000000000000000000001", data = input }, "latest" });
        var hex = result.GetString()!;
        return hex.Length < 66 ? null : "0x" + hex[^40..];
    }

    public static async Task<JsonElement> RpcAsync(Uri rpc, string method, object[] parameters)
    {
        using var http = new HttpClient();
        var request = JsonSerializer.Serialize(new { jsonrpc = "2.0", id = 1, method, @params = parameters });
        using var response = await http.PostAsync(rpc, new StringContent(request, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        if (document.RootElement.TryGetProperty("error", out var error))
        {
            throw new InvalidOperationException($"{method}: {error}");
        }

        return document.RootElement.GetProperty("result").Clone();
    }
}
