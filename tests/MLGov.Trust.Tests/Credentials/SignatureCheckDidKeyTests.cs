using System.Text.Json;
using MLGov.Trust.Credentials;
using MLGov.Trust.Dids;
using MLGov.Trust.Jose;
using MLGov.Trust.Keys;

namespace MLGov.Trust.Tests.Credentials;

/// <summary>
/// The signature check answers a did:key reference without building the DID document when the resolver is the local
/// did:key resolver. These tests hold that shortcut to the answer of the full path (resolve the document, then
/// dereference the kid in it) for every kind of reference and relationship: same outcome, error and reason.
/// </summary>
public sealed class SignatureCheckDidKeyTests
{
    private static readonly string[] Relationships =
        ["assertionMethod", "authentication", "capabilityInvocation", "capabilityDelegation", "keyAgreement", "service"];

    public static TheoryData<KeyType> KeyTypes() => [.. Enum.GetValues<KeyType>()];

    [Theory]
    [MemberData(nameof(KeyTypes))]
    public async Task Every_reference_gets_the_answer_of_the_resolved_document(KeyType type)
    {
        var key = SigningKey.Generate(type);
        var did = DidKey.From(key.PublicKey);
        var multibase = DidKey.MultibaseValue(key.PublicKey);
        var other = DidKey.From(SigningKey.Generate(type).PublicKey);
        List<string> kids =
        [
            did + "#" + multibase,
            did + "#key-1",
            did + "#" + multibase + "x",
            other + "#" + multibase,
            "did:key:z6MkBAD#z6MkBAD",
            "did:key:zQ3s#zQ3s",
            did.Replace("did:key:z", "did:key:u", StringComparison.Ordinal) + "#" + multibase,
        ];
        if (type == KeyType.Ed25519)
        {
            // The X25519 key agreement method of the same document (listed under keyAgreement only).
            var document = DidKey.Document(key.PublicKey);
            kids.Add((string)document["keyAgreement"]![0]!);
        }

        foreach (var kid in kids)
        {
            var jws = CompactJws.TryParse(JwsSigner.Sign(key, "{}"u8, kid), out _)!;
            foreach (var relationship in Relationships)
            {
                var shortcut = await SignatureCheck.RunAsync(MethodDidResolver.Local(), jws, relationship, CancellationToken.None);
                var alone = await SignatureCheck.RunAsync(new DidKeyResolver(), jws, relationship, CancellationToken.None);
                var full = await SignatureCheck.RunAsync(new DocumentOnly(), jws, relationship, CancellationToken.None);

                Assert.Equal(full, shortcut);
                Assert.Equal(full, alone);
            }
        }
    }

    [Fact]
    public async Task The_shortcut_is_taken_and_passes_only_for_the_signing_method()
    {
        var key = SigningKey.Generate(KeyType.Ed25519);
        var did = DidKey.From(key.PublicKey);
        var jws = CompactJws.TryParse(JwsSigner.Sign(key, "{}"u8, did + "#" + DidKey.MultibaseValue(key.PublicKey)), out _)!;

        Assert.True(DidKeyResolver.ResolvesLocally(MethodDidResolver.Local(), did));
        Assert.False(DidKeyResolver.ResolvesLocally(new DocumentOnly(), did));
        Assert.False(DidKeyResolver.ResolvesLocally(MethodDidResolver.Local(), "did:pkh:eip155:1:0xb9c5714089478a327f09197987f16f9e5d936e8a"));
        var check = await SignatureCheck.RunAsync(MethodDidResolver.Local(), jws, "assertionMethod", CancellationToken.None);
        Assert.Equal(CheckOutcome.Passed, check.Outcome);
        check = await SignatureCheck.RunAsync(MethodDidResolver.Local(), jws, "keyAgreement", CancellationToken.None);
        Assert.Equal((CheckOutcome.Failed, CredentialErrors.KeyNotAuthorized), (check.Outcome, check.Error));
    }

    [Fact]
    public async Task A_did_key_resolver_replaced_in_the_method_map_is_asked()
    {
        // A deployment that maps "key" to its own resolver gets that resolver's answer, not the shortcut's.
        var key = SigningKey.Generate(KeyType.P256);
        var did = DidKey.From(key.PublicKey);
        var jws = CompactJws.TryParse(JwsSigner.Sign(key, "{}"u8, did + "#" + DidKey.MultibaseValue(key.PublicKey)), out _)!;
        var refusing = new MethodDidResolver(new Dictionary<string, IDidResolver> { ["key"] = new Refusing() });

        var check = await SignatureCheck.RunAsync(refusing, jws, "assertionMethod", CancellationToken.None);

        Assert.Equal(CredentialErrors.DidResolutionFailed, check.Error);
        Assert.Equal($"{did} did not resolve: notFound.", check.Detail);
    }

    /// <summary>Resolves did:key through the document, as any resolver the shortcut does not know is used.</summary>
    private sealed class DocumentOnly : IDidResolver
    {
        public ValueTask<DidResolutionResult> ResolveAsync(string? did, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(DidKeyResolver.Resolve(did));
    }

    private sealed class Refusing : IDidResolver
    {
        public ValueTask<DidResolutionResult> ResolveAsync(string? did, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(DidResolutionResult.Failure(DidResolutionErrors.NotFound));
    }

    [Fact]
    public void The_checks_compare_by_value()
    {
        // The theory above compares checks with Assert.Equal; that is only a comparison if checks are values.
        Assert.Equal(VerificationCheck.Fail("signature", "e", "d"), JsonSerializer.Deserialize<VerificationCheck>(JsonSerializer.Serialize(VerificationCheck.Fail("signature", "e", "d"))));
        Assert.NotEqual(VerificationCheck.Fail("signature", "e", "d"), VerificationCheck.Fail("signature", "e", "other"));
    }
}
