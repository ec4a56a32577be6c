using System.Text.Json.Nodes;
using MLGov.Core.Encoding;
using MLGov.Core.Errors;
using MLGov.Core.Identifiers;
using MLGov.Voting.Domain.Choices;
using MLGov.Voting.Domain.Shielded;
using MLGov.Voting.Domain.Spaces;

namespace MLGov.Voting.Domain.Proposals;

/// <summary>Turns a submitted proposal into its fixed terms under its space's defaults, refusing it with every problem at once.</summary>
public static class ProposalRules
{
    public const int MaxTitleLength = 300;
    public const int MaxBodyLength = 20_000;
    public const int MaxChoices = 100;
    public const int MaxChoiceTitleLength = 200;
    public const int MaxCalldataBytes = 8 * 1024;

    /// <summary>How far in the past a start may lie (clock skew between the author and the service).</summary>
    public static readonly TimeSpan StartSkew = TimeSpan.FromMinutes(5);

    /// <summary>The choices of a basic proposal.</summary>
    public static readonly IReadOnlyList<string> BasicChoices = ["For", "Against", "Abstain"];

    public static ProposalDefinition Plan(SpaceDefinition space, ProposalRequest? request, string id, string author, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(space);
        if (request is null)
        {
            throw ValidationException.For(string.Empty, "A proposal is required.");
        }

        var defaults = space.Defaults;
        var typeName = request.Type ?? defaults.Type;
        var typeKnown = VotingTypes.TryParse(typeName, out var type);
        var choices = request.Choices ?? (type == VotingType.Basic ? BasicChoices : null);
        // Votes sign whole Unix seconds, so the window is kept in whole seconds too (a start at 12:00:00.7 would otherwise
        // refuse a vote signed at 12:00:00, the very second voting opened).
        var start = WholeSeconds(request.Start);
        var end = WholeSeconds(request.End ?? request.Start.AddSeconds(defaults.VotingPeriodSeconds));
        var strategies = request.Strategies ?? (JsonArray)space.Strategies.DeepClone();
        var quorum = request.Quorum ?? defaults.Quorum ?? new QuorumSetting("none", "0");
        var errors = new ValidationErrors()
            .Check(request.Space == space.Id, "space", "The proposal names another space.")
            .Check(!string.IsNullOrWhiteSpace(request.Title) && request.Title.Length <= MaxTitleLength, "title", $"The title is 1 to {MaxTitleLength} characters.")
            .Check(request.Body is not null && request.Body.Length <= MaxBodyLength, "body", $"The body (markdown) is at most {MaxBodyLength} characters.")
            .Check(typeKnown, "type", "The type is basic, single-choice, approval, weighted, quadratic or ranked-choice.")
            .Check(request.Snapshot >= 0, "snapshot", "The snapshot is a block number.")
            .Check(start >= WholeSeconds(now - StartSkew), "start", "The start is not in the past.")
            .Check(end > start, "end", "The end is after the start.")
            .Check(end - start >= TimeSpan.FromSeconds(SpaceRules.MinVotingPeriodSeconds) && end - start <= TimeSpan.FromSeconds(SpaceRules.MaxVotingPeriodSeconds), "end", "The voting period is 60 s to 366 days.")
            .Check(request.PassThreshold is null or (>= 0 and < 10_000), "passThreshold", "The pass threshold is 0 to 9,999 basis points.");
        CheckChoices(errors, type, typeKnown, choices);
        SpaceRules.CheckStrategies(errors, "strategies", strategies);
        SpaceRules.CheckQuorum(errors, "quorum", quorum);
        SpaceRules.CheckEligibility(errors, "eligibility", request.Eligibility);
        CheckExecution(errors, request.Execution);
        CheckShielded(errors, space, request.ShieldedThreshold);
        errors.ThrowIfAny("The proposal is not valid");
        return new ProposalDefinition(
            id,
            space.Id,
            request.Title,
            request.Body ?? string.Empty,
            [.. choices!],
            VotingTypes.NameOf(type),
            strategies,
            request.Snapshot,
            start,
            end,
            quorum,
            request.PassThreshold ?? defaults.PassThreshold,
            request.Eligibility ?? defaults.Eligibility,
            request.VotesMayChange ?? defaults.VotesMayChange,
            request.Execution is null ? null : new ExecutionCall(EvmAddress.ToChecksum(request.Execution.Target), request.Execution.Calldata.ToLowerInvariant()),
            space.ChainId,
            space.Finalizer,
            author,
            now,
            request.ShieldedThreshold is { } threshold ? ShieldedBallots.Setup(id, threshold, space.Keyholders) : null);
    }

    private static DateTimeOffset WholeSeconds(DateTimeOffset time) => DateTimeOffset.FromUnixTimeSeconds(time.ToUnixTimeSeconds());

    private static void CheckChoices(ValidationErrors errors, VotingType type, bool typeKnown, IReadOnlyList<string>? choices)
    {
        if (choices is null)
        {
            errors.Check(false, "choices", "The choices are required (2 to 100 titles).");
            return;
        }

        if (typeKnown && type == VotingType.Basic)
        {
            errors.Check(choices.Count == 3, "choices", "A basic proposal has three choices: for, against, abstain (leave choices out for their default titles).");
        }
        else
        {
            errors.Check(choices.Count is >= 2 and <= MaxChoices, "choices", $"A proposal has 2 to {MaxChoices} choices.");
        }

        for (var i = 0; i < choices.Count; i++)
        {
            errors.Check(!string.IsNullOrWhiteSpace(choices[i]) && choices[i].Length <= MaxChoiceTitleLength, $"choices[{i}]", $"A choice's title is 1 to {MaxChoiceTitleLength} characters.");
        }
    }

    private static void CheckExecution(ValidationErrors errors, ExecutionCall? execution)
    {
        if (execution is null)
        {
            return;
        }

        errors.Check(EvmAddress.IsValid(execution.Target), "execution.target", EvmAddress.Problem("The target"))
            .Check(
                execution.Calldata is { } data && data.StartsWith("0x", StringComparison.Ordinal) && Hex.TryDecode(data, out var bytes) && bytes.Length is >= 4 and <= MaxCalldataBytes,
                "execution.calldata",
                $"The calldata is 0x hex: a 4-byte selector and its arguments, at most {MaxCalldataBytes} bytes.");
    }

    private static void CheckShielded(ValidationErrors errors, SpaceDefinition space, int? threshold)
    {
        if (threshold is null)
        {
            return;
        }

        errors.Check(space.Keyholders.Count >= 1, "shieldedThreshold", "The space names no keyholders, so its proposals cannot be shielded.")
            .Check(threshold >= 1 && threshold <= space.Keyholders.Count, "shieldedThreshold", $"The threshold is 1 to the space's {space.Keyholders.Count} keyholders.");
    }
}
