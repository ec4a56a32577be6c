using MLGov.Trust.Dids;

namespace MLGov.Trust.Tests.Dids;

public sealed class DidWebTests
{
    [Theory]
    // The did:web spec's examples (§3.2 "Read (Resolve)").
    [InlineData("did:web:w3c-ccg.github.io", "https://w3c-ccg.github.io/.well-known/did.json")]
    [InlineData("did:web:w3c-ccg.github.io:user:alice", "https://w3c-ccg.github.io/user/alice/did.json")]
    [InlineData("did:web:example.com%3A3000:user:alice", "https://example.com:3000/user/alice/did.json")]
    [InlineData("did:web:example.com", "https://example.com/.well-known/did.json")]
    [InlineData("did:web:Example.COM%3a8443", "https://example.com:8443/.well-known/did.json")]
    public void Maps_a_DID_to_its_document_URL_as_the_spec_says(string did, string url)
    {
        Assert.Equal(url, DidWeb.TryToUrl(did, out var problem)?.AbsoluteUri);
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("did:key:z6MkiTBz1ymuepAQ4HEHYSF1H8quG5GLVVQR3djdX3mDooWp")]
    [InlineData("did:web:")]
    [InlineData("did:web:127.0.0.1")]
    [InlineData("did:web:10.0.0.1%3A8080")]
    [InlineData("did:web:user%40example.com")]
    [InlineData("did:web:example.com%2Fadmin")]
    [InlineData("did:web:example.com%3A0")]
    [InlineData("did:web:example.com%3A65536")]
    [InlineData("did:web:example.com%3A08")]
    [InlineData("did:web:example.com%3A")]
    [InlineData("did:web:example.com%3Ahttp")]
    [InlineData("did:web:%3A443")]
    [InlineData("did:web:-example.com")]
    [InlineData("did:web:exa_mple.com")]
    [InlineData("did:web:example..com")]
    [InlineData("did:web:example.com::alice")]
    [InlineData("did:web:example.com:..:admin")]
    [InlineData("did:web:example.com:.")]
    [InlineData("did:web:example.com:a%2F..%2F..")]
    [InlineData("did:web:example.com#key-1")]
    public void Refuses_DIDs_that_do_not_name_a_document_URL(string did)
    {
        Assert.Null(DidWeb.TryToUrl(did, out var problem));
        Assert.NotNull(problem);
    }
}
