using System.Text.Json.Nodes;
using MLGov.Core.Errors;
using MLGov.Identity.Domain.Credentials;
using MLGov.Identity.Domain.Links;
using MLGov.Trust.Credentials;

namespace MLGov.Identity.Tests.Domain;

public sealed class CredentialRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, 500, TimeSpan.Zero);

    [Fact]
    public void Defaults_are_filled_in_whole_seconds()
    {
        var plan = CredentialRules.Plan(new CredentialRequest("did:example:alice", ["AuditorCredential"]), Now);

        Assert.Equal(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero), plan.ValidFrom);
        Assert.Equal(plan.ValidFrom.AddDays(365), plan.ValidUntil);
        Assert.Equal(CredentialFormat.VcdmV2Jose, plan.Format);
        Assert.Empty(plan.Claims);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var request = new CredentialRequest("alice", ["lower", EnterpriseMembership.CredentialType], new JsonObject { ["id"] = "x" }, Format: "ldp_vc");

        var error = Assert.Throws<ValidationException>(() => CredentialRules.Plan(request, Now));

        Assert.Equal(["claims", "format", "subject", "types"], error.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("EnterpriseMemberCredential")]
    [InlineData("BitstringStatusListCredential")]
    [InlineData("VerifiableCredential")]
    public void Types_only_this_service_issues_cannot_be_requested(string type)
    {
        var error = Assert.Throws<ValidationException>(() => CredentialRules.Plan(new CredentialRequest("did:example:a", [type]), Now));

        Assert.Contains("types", error.Errors.Keys);
    }

    [Fact]
    public void Validity_is_bounded()
    {
        Assert.Throws<ValidationException>(() => CredentialRules.Plan(new CredentialRequest("did:example:a", ["A"], ValidUntil: Now.AddYears(6)), Now));
        Assert.Throws<ValidationException>(() => CredentialRules.Plan(new CredentialRequest("did:example:a", ["A"], ValidFrom: Now.AddYears(2), ValidUntil: Now.AddYears(3)), Now));
        Assert.Throws<ValidationException>(() => CredentialRules.Plan(new CredentialRequest("did:example:a", ["A"], ValidFrom: Now.AddDays(-10), ValidUntil: Now.AddDays(-1)), Now));
        var claims = new JsonObject { ["blob"] = new string('x', CredentialRules.MaxClaimsBytes) };
        Assert.Throws<ValidationException>(() => CredentialRules.Plan(new CredentialRequest("did:example:a", ["A"], claims), Now));
    }

    [Fact]
    public void The_membership_credential_carries_the_tenant_and_the_roles_sorted_once()
    {
        var plan = EnterpriseMembership.Plan("did:example:a", "5c4bb732-9969-4779-ba02-4a9fc0709e21", ["Member", "Auditor", "Member"], Now);

        Assert.Equal([EnterpriseMembership.CredentialType], plan.Types);
        Assert.Equal(["Auditor", "Member"], plan.Claims["roles"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal(plan.ValidFrom + EnterpriseMembership.Lifetime, plan.ValidUntil);
        Assert.Throws<ValidationException>(() => EnterpriseMembership.Plan("did:example:a", "t", ["has space"], Now));
    }
}
