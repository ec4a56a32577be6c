using System.Text.Json;
using MLGov.Trust.Dids;

namespace MLGov.Trust.Tests.Dids;

public sealed class DidKeyResolverTests
{
    private readonly DidKeyResolver _resolver = new();

    [Theory]
    [InlineData(Vectors.DidKeyEd25519)]
    [InlineData(Vectors.DidKeySecp256k1)]
    [InlineData(Vectors.DidKeyP256)]
    public async Task Resolves_the_specs_vectors_to_their_documents(string did)
    {
        var result = await _resolver.ResolveAsync(did);

        Assert.True(result.Succeeded);
        Assert.Equal(did, (string)result.DidDocument!["id"]!);
        Assert.Equal("application/did+ld+json", result.DidResolutionMetadata.ContentType);
        Assert.Null(result.DidResolutionMetadata.Error);
    }

    [Theory]
    [InlineData(null, DidResolutionErrors.InvalidDid)]
    [InlineData("", DidResolutionErrors.InvalidDid)]
    [InlineData("not a did", DidResolutionErrors.InvalidDid)]
    [InlineData("did:key:", DidResolutionErrors.InvalidDid)]
    [InlineData("did:KEY:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp", DidResolutionErrors.InvalidDid)]
    [InlineData("did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp#frag", DidResolutionErrors.InvalidDid)]
    [InlineData("did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDoo", DidResolutionErrors.InvalidDid)]
    [InlineData("did:key:zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", DidResolutionErrors.InvalidDid)]
    [InlineData("did:key:u7QE", DidResolutionErrors.InvalidDid)]
    [InlineData("did:web:example.com", DidResolutionErrors.MethodNotSupported)]
    [InlineData("did:pkh:eip155:1:0xb9c5714089478a327f09197987f16f9e5d936e8a", DidResolutionErrors.MethodNotSupported)]
    public async Task Reports_bad_and_unsupported_DIDs_as_errors_without_throwing(string? did, string error)
    {
        var result = await _resolver.ResolveAsync(did);

        Assert.False(result.Succeeded);
        Assert.Null(result.DidDocument);
        Assert.Equal(error, result.DidResolutionMetadata.Error);
        Assert.Null(result.DidResolutionMetadata.ContentType);
    }

    [Fact]
    public void Serializes_in_the_DID_Resolution_shape()
    {
        var success = JsonDocument.Parse(JsonSerializer.Serialize(DidKeyResolver.Resolve(Vectors.DidKeyP256))).RootElement;
        var failure = JsonDocument.Parse(JsonSerializer.Serialize(DidKeyResolver.Resolve("did:web:example.com"))).RootElement;

        Assert.Equal(Vectors.DidKeyP256, success.GetProperty("didDocument").GetProperty("id").GetString());
        Assert.Equal("application/did+ld+json", success.GetProperty("didResolutionMetadata").GetProperty("contentType").GetString());
        Assert.False(success.GetProperty("didResolutionMetadata").TryGetProperty("error", out _));
        Assert.Equal(JsonValueKind.Object, success.GetProperty("didDocumentMetadata").ValueKind);
        Assert.Equal(JsonValueKind.Null, failure.GetProperty("didDocument").ValueKind);
        Assert.Equal("methodNotSupported", failure.GetProperty("didResolutionMetadata").GetProperty("error").GetString());
        Assert.False(failure.TryGetProperty("succeeded", out _));
    }
}
