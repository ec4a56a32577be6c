using MLGov.Trust.Dids;

namespace MLGov.Trust.Tests.Dids;

public sealed class DidUrlTests
{
    [Theory]
    // DID Core §3.2's examples: a fragment, a path, a query, and all three.
    [InlineData("did:example:123456789abcdefghi#keys-1", "did:example:123456789abcdefghi", "", null, "keys-1")]
    [InlineData("did:example:123456/path", "did:example:123456", "/path", null, null)]
    [InlineData("did:example:123?versionId=1", "did:example:123", "", "versionId=1", null)]
    [InlineData("did:example:123/a/b?service=files&relativeRef=/x#frag/y?z", "did:example:123", "/a/b", "service=files&relativeRef=/x", "frag/y?z")]
    [InlineData("did:web:example.com%3A8443:user:alice#key-1", "did:web:example.com%3A8443:user:alice", "", null, "key-1")]
    public void Splits_a_DID_URL_into_its_parts(string text, string did, string path, string? query, string? fragment)
    {
        Assert.True(DidUrl.TryParse(text, out var url, out var problem), problem);

        Assert.Equal(new DidUrl(did, path, query, fragment), url);
        Assert.Equal(text, url!.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("#key-1")]
    [InlineData("did:example:#key-1")]
    [InlineData("did:Example:123#key-1")]
    [InlineData("did:example:123#key 1")]
    [InlineData("did:example:123#key%2")]
    [InlineData("did:example:123#key%zz")]
    [InlineData("did:example:123#a#b")]
    [InlineData("did:example:123/pa th")]
    [InlineData("did:example:123?q=<script>")]
    [InlineData("did:example:123#\u00e9")]
    public void Refuses_malformed_DID_URLs(string? text)
    {
        Assert.False(DidUrl.TryParse(text, out var url, out var problem));
        Assert.Null(url);
        Assert.NotNull(problem);
    }

    [Fact]
    public void Refuses_an_overlong_DID_URL()
    {
        Assert.False(DidUrl.TryParse("did:example:123#" + new string('a', DidUrl.MaxLength), out _, out _));
    }

    [Theory]
    [InlineData("did:example:123")]
    [InlineData("did:example:123#")]
    [InlineData("did:example:123/path#key-1")]
    [InlineData("did:example:123?versionId=2#key-1")]
    public void A_method_reference_is_a_DID_with_a_fragment_and_nothing_else(string text)
    {
        Assert.True(DidUrl.TryParse(text, out _, out _));
        Assert.False(DidUrl.TryParseMethodReference(text, out var url, out var problem));
        Assert.Null(url);
        Assert.NotNull(problem);
    }
}
