using MLGov.Core.Errors;
using MLGov.Identity.Domain.Credentials;
using MLGov.Identity.Domain.Links;
using MLGov.Identity.Domain.StatusLists;
using MLGov.Trust.Status;

namespace MLGov.Identity.Tests.Domain;

public sealed class StatusRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private static IssuedCredential Credential(CredentialState state) =>
        new("c1-00", "did:example:issuer", "did:example:a", "A", "vcdm2-jose", "{}", Now, Now.AddDays(1), Now, 1, 7, state, null, null, "jwt");

    [Theory]
    [InlineData(CredentialState.Active, StatusAction.Revoke, CredentialState.Revoked, true)]
    [InlineData(CredentialState.Active, StatusAction.Suspend, CredentialState.Suspended, true)]
    [InlineData(CredentialState.Active, StatusAction.Unsuspend, CredentialState.Active, false)]
    [InlineData(CredentialState.Suspended, StatusAction.Unsuspend, CredentialState.Active, true)]
    [InlineData(CredentialState.Suspended, StatusAction.Suspend, CredentialState.Suspended, false)]
    [InlineData(CredentialState.Suspended, StatusAction.Revoke, CredentialState.Revoked, true)]
    [InlineData(CredentialState.Revoked, StatusAction.Revoke, CredentialState.Revoked, false)]
    public void Status_changes_follow_the_rules(CredentialState from, StatusAction action, CredentialState to, bool changed)
    {
        var decision = CredentialStatusChange.Decide(Credential(from), action, "why", Now);

        Assert.Equal(to, decision.Credential.State);
        Assert.Equal(changed, decision.Changed);
    }

    [Theory]
    [InlineData(StatusAction.Suspend)]
    [InlineData(StatusAction.Unsuspend)]
    public void Revocation_is_final(StatusAction action) =>
        Assert.Throws<ConflictException>(() => CredentialStatusChange.Decide(Credential(CredentialState.Revoked), action, null, Now));

    [Fact]
    public void A_reason_with_control_characters_is_refused() =>
        Assert.Throws<ValidationException>(() => CredentialStatusChange.Decide(Credential(CredentialState.Active), StatusAction.Revoke, "a\nb", Now));

    [Fact]
    public void Slots_are_distinct_random_and_never_given_twice()
    {
        var slots = StatusListSlots.New(1);
        var taken = new HashSet<int>();
        for (var i = 0; i < 2000; i++)
        {
            (slots, var index) = slots.Allocate();
            Assert.True(taken.Add(index), $"index {index} given twice");
        }

        Assert.Equal(StatusListSlots.Length - 2000, slots.Free);
        Assert.All(taken, index => Assert.True(slots.IsAllocated(index)));
        // Spread over the list, not handed out in order: 2000 draws from 131,072 all below 4000 would be a sequence.
        Assert.True(taken.Max() > 4000);
    }

    [Fact]
    public void Bits_are_set_per_purpose_only_for_allocated_slots_and_the_lists_decode_as_the_spec_says()
    {
        var (slots, index) = StatusListSlots.New(1).Allocate();

        var revoked = slots.With(StatusPurposes.Revocation, index, true);
        Assert.True(revoked.List(StatusPurposes.Revocation).Get(index));
        Assert.False(revoked.List(StatusPurposes.Suspension).Get(index));
        var decoded = BitstringStatusList.TryDecode(revoked.Revocation, out _)!;
        Assert.Equal(BitstringStatusList.MinimumLength, decoded.Length);
        Assert.True(decoded.Get(index));
        Assert.Throws<InvalidOperationException>(() => slots.With(StatusPurposes.Revocation, (index + 1) % StatusListSlots.Length, true));
    }

    [Fact]
    public void A_full_list_gives_no_slot()
    {
        var full = StatusListSlots.New(1) with { Free = 0 };

        Assert.True(full.IsFull());
        Assert.Throws<InvalidOperationException>(() => full.Allocate());
    }

    [Theory]
    [InlineData("""{"nonce":"n","did":"did:example:a","aud":"urn:mlgov:identity"}""", true)]
    [InlineData("""{"nonce":"n","did":"did:example:b","aud":"urn:mlgov:identity"}""", false)]
    [InlineData("""{"nonce":"n","did":"did:example:a","aud":"urn:mlgov:voting"}""", false)]
    [InlineData("""{"nonce":"n","did":"did:example:a","aud":"urn:mlgov:identity","extra":1}""", false)]
    [InlineData("""{"nonce":1,"did":"did:example:a","aud":"urn:mlgov:identity"}""", false)]
    [InlineData("""["n"]""", false)]
    [InlineData("""not json""", false)]
    public void A_link_proof_is_exactly_nonce_did_and_audience(string payload, bool accepted)
    {
        var read = () => LinkProof.Read(System.Text.Encoding.UTF8.GetBytes(payload), "did:example:a", "urn:mlgov:identity");

        if (accepted)
        {
            Assert.Equal("n", read().Nonce);
        }
        else
        {
            Assert.Throws<UnauthorizedException>(read);
        }
    }
}
