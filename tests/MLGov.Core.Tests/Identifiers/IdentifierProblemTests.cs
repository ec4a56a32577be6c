using MLGov.Core.Errors;
using MLGov.Core.Identifiers;

namespace MLGov.Core.Tests.Identifiers;

/// <summary>What a caller is told about a bad identifier, and the edges of the checks' arguments.</summary>
public sealed class IdentifierProblemTests
{
    [Theory]
    [InlineData("asset", "2-12 characters of A-Z 0-9")]
    [InlineData("providerDid", "at most 512 characters")]
    [InlineData("payee", "EIP-55 checksum")]
    [InlineData("slaId", "1-64 characters")]
    public void Each_problem_names_the_member_and_the_rule(string member, string rule)
    {
        var problem = member switch
        {
            "asset" => AssetCode.Problem(member),
            "providerDid" => Did.Problem(member),
            "payee" => EvmAddress.Problem(member),
            _ => ResourceId.Problem(member),
        };

        Assert.StartsWith(member + " must be ", problem, StringComparison.Ordinal);
        Assert.Contains(rule, problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")]
    [InlineData("0X5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")]
    public void Checksumming_needs_a_lower_case_0x_prefix(string value)
    {
        var error = Assert.Throws<FormatException>(() => EvmAddress.ToChecksum(value));
        Assert.Equal("An address is 0x followed by 40 hex digits.", error.Message);
    }

    [Fact]
    public void Checksumming_a_non_hex_digit_says_what_an_address_is()
    {
        var error = Assert.Throws<FormatException>(() => EvmAddress.ToChecksum("0xg000000000000000000000000000000000000000"));
        Assert.Equal("An address is 0x followed by 40 hex digits.", error.Message);
    }

    [Fact]
    public void Null_arguments_are_argument_errors()
    {
        Assert.Throws<ArgumentNullException>(() => EvmAddress.ToChecksum(null!));
        ValidationErrors errors = null!;
        Assert.Throws<ArgumentNullException>(() => errors.ResourceId("id", "ok"));
        Assert.Throws<ArgumentNullException>(() => errors.Did("did", "did:web:example.com"));
        Assert.Throws<ArgumentNullException>(() => errors.EvmAddress("address", "0x27b1fdb04752bbc536007a920d24acb045561c26"));
        Assert.Throws<ArgumentNullException>(() => errors.AssetCode("asset", "USDC"));
    }
}
