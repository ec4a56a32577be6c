using MLGov.Core.Events.Chain;
using MLGov.Core.Events.Identity;
using MLGov.Core.Events.Risk;
using MLGov.Core.Events.Voting;

namespace MLGov.Core.Events;

/// <summary>
/// The registry of event types: type name ↔ schema record ↔ topic. <see cref="Platform"/> lists every
/// event the five apps exchange (docs/events.md is its prose form); a consumer extends it with the
/// types its handlers take. A consumer dead-letters a type that is not in its catalog.
/// </summary>
public sealed class EventCatalog
{
    private readonly Dictionary<string, EventDefinition> _byType;

    public EventCatalog(IEnumerable<EventDefinition> definitions)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        _byType = new Dictionary<string, EventDefinition>(StringComparer.Ordinal);
        foreach (var definition in definitions)
        {
            if (_byType.TryGetValue(definition.Type, out var existing) && existing.Schema != definition.Schema)
            {
                throw new InvalidOperationException($"Event type '{definition.Type}' is claimed by both {existing.Schema.Name} and {definition.Schema.Name}.");
            }

            _byType[definition.Type] = definition;
        }
    }

    /// <summary>Every event of the platform.</summary>
    public static EventCatalog Platform { get; } = new(
    [
        EventDefinition.Of<SlaBreachedV1>(),
        EventDefinition.Of<CredentialIssuedV1>(),
        EventDefinition.Of<CredentialRevokedV1>(),
        EventDefinition.Of<CredentialSuspensionChangedV1>(),
        EventDefinition.Of<IdentityLinkedV1>(),
        EventDefinition.Of<IdentityUnlinkedV1>(),
        EventDefinition.Of<IdentityChainIntentSettledV1>(),
        EventDefinition.Of<RegistryChainIntentSettledV1>(),
        EventDefinition.Of<VotingChainIntentSettledV1>(),
        EventDefinition.Of<ProposalCreatedV1>(),
        EventDefinition.Of<ProposalClosedV1>(),
        EventDefinition.Of<ProposalFinalizedV1>(),
        EventDefinition.Of<ProposalDisputedV1>(),
        EventDefinition.Of<FinanceChainIntentSettledV1>(),
        EventDefinition.Of<RiskChainIntentSettledV1>(),
    ]);

    public IReadOnlyCollection<EventDefinition> All => _byType.Values;

    public bool TryFind(string type, out EventDefinition definition) => _byType.TryGetValue(type, out definition!);

    /// <summary>This catalog plus more definitions.</summary>
    public EventCatalog With(IEnumerable<EventDefinition> definitions) => new(_byType.Values.Concat(definitions));
}
