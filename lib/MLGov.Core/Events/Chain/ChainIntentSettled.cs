using System.Text.RegularExpressions;

namespace MLGov.Core.Events.Chain;

/// <summary>
/// A chain write an app asked for has settled: mined with the configured confirmations, or reverted
/// (at estimation, when no transaction was sent, or after mining). Each app publishes its own type on
/// its own topic (<see cref="IdentityChainIntentSettledV1"/> ...), with the same fields. The domain that
/// asked has already reacted in the same transaction; the event tells everyone else.
/// </summary>
public abstract partial record ChainIntentSettled
{
    /// <summary>The intent's id within the app, for example <c>inc-7:slash</c>.</summary>
    public string IntentId { get; init; } = string.Empty;

    /// <summary>What the transaction did for the domain, for example <c>slash</c>.</summary>
    public string Kind { get; init; } = string.Empty;

    /// <summary><c>mined</c> or <c>reverted</c>.</summary>
    public string Outcome { get; init; } = string.Empty;

    public long ChainId { get; init; }

    /// <summary>The app's account that signed.</summary>
    public string From { get; init; } = string.Empty;

    public string To { get; init; } = string.Empty;

    /// <summary>The mined transaction; null for a call that reverted at estimation (nothing was sent).</summary>
    public string? TransactionHash { get; init; }

    public long? BlockNumber { get; init; }

    public long? Nonce { get; init; }

    /// <summary>For a revert: the decoded error, for example <c>ClaimAlreadyPaid(0x…)</c>.</summary>
    public string? Error { get; init; }

    /// <summary>For a revert: the raw revert data.</summary>
    public string? ErrorData { get; init; }

    public DateTimeOffset SettledAt { get; init; }

    public string Subject => "chain-intents/" + IntentId;

    public IEnumerable<string> Validate()
    {
        if (string.IsNullOrEmpty(IntentId))
        {
            yield return "intentId is empty";
        }

        if (Outcome is not ("mined" or "reverted"))
        {
            yield return "outcome is not mined or reverted";
        }

        if (!Address().IsMatch(From ?? string.Empty) || !Address().IsMatch(To ?? string.Empty))
        {
            yield return "from and to are addresses (0x and 40 hex digits)";
        }

        if (Outcome == "mined" && TransactionHash is null)
        {
            yield return "a mined intent has a transaction hash";
        }
    }

    [GeneratedRegex("^0x[0-9a-fA-F]{40}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Address();
}

/// <summary>com.mlgov.identity.chain.intent.settled.v1 (badges).</summary>
public sealed record IdentityChainIntentSettledV1 : ChainIntentSettled, IIntegrationEvent
{
    public static string EventType => "com.mlgov.identity.chain.intent.settled.v1";

    public static string Topic => EventTopics.Identity;
}

/// <summary>com.mlgov.registry.chain.intent.settled.v1 (anchors).</summary>
public sealed record RegistryChainIntentSettledV1 : ChainIntentSettled, IIntegrationEvent
{
    public static string EventType => "com.mlgov.registry.chain.intent.settled.v1";

    public static string Topic => EventTopics.Registry;
}

/// <summary>com.mlgov.voting.chain.intent.settled.v1 (finalization).</summary>
public sealed record VotingChainIntentSettledV1 : ChainIntentSettled, IIntegrationEvent
{
    public static string EventType => "com.mlgov.voting.chain.intent.settled.v1";

    public static string Topic => EventTopics.Voting;
}

/// <summary>com.mlgov.finance.chain.intent.settled.v1 (distribution roots, insurance payouts).</summary>
public sealed record FinanceChainIntentSettledV1 : ChainIntentSettled, IIntegrationEvent
{
    public static string EventType => "com.mlgov.finance.chain.intent.settled.v1";

    public static string Topic => EventTopics.Finance;
}

/// <summary>com.mlgov.risk.chain.intent.settled.v1 (slashes).</summary>
public sealed record RiskChainIntentSettledV1 : ChainIntentSettled, IIntegrationEvent
{
    public static string EventType => "com.mlgov.risk.chain.intent.settled.v1";

    public static string Topic => EventTopics.Risk;
}
