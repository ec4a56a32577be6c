using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using MLGov.Core.Encoding;
using MLGov.Core.Errors;
using MLGov.Core.Identifiers;
using MLGov.Voting.Domain.Choices;

namespace MLGov.Voting.Domain.Spaces;

/// <summary>Validates a space definition, reporting every problem at once; the ids and addresses it keeps are normalised.</summary>
public static class SpaceRules
{
    public const int MaxAdmins = 50;
    public const int MaxIssuers = 20;
    public const int MaxKeyholders = 32;
    public const int MaxNameLength = 200;
    public const long MinVotingPeriodSeconds = 60;
    public const long MaxVotingPeriodSeconds = 366L * 24 * 3600;

    public static SpaceDefinition Validate(SpaceDefinition? space)
    {
        if (space is null)
        {
            throw ValidationException.For(string.Empty, "A space definition is required.");
        }

        var errors = new ValidationErrors()
            .Check(ResourceId.IsValid(space.Id), "id", ResourceId.Problem("id"))
            .Check(!string.IsNullOrWhiteSpace(space.Name) && space.Name.Length <= MaxNameLength, "name", $"The name is 1 to {MaxNameLength} characters.")
            .Check(space.Admins is { Count: > 0 and <= MaxAdmins }, "admins", $"A space has 1 to {MaxAdmins} admins (DIDs).")
            .Check(space.ChainId > 0, "chainId", "The chain id is a positive integer.")
            .Check(EvmAddress.IsValid(space.Finalizer), "finalizer", EvmAddress.Problem("The finalizer"))
            .Check(space.Token is null || EvmAddress.IsValid(space.Token), "token", EvmAddress.Problem("The token"));
        for (var i = 0; space.Admins is not null && i < space.Admins.Count; i++)
        {
            errors.Check(Did.IsValid(space.Admins[i]), $"admins[{i}]", Did.Problem($"admins[{i}]"));
        }

        errors.Check(space.Admins is null || space.Admins.Distinct(StringComparer.Ordinal).Count() == space.Admins.Count, "admins", "An admin is listed twice.");
        CheckProposers(errors, space.Proposers);
        CheckDefaults(errors, "defaults", space.Defaults);
        CheckStrategies(errors, "strategies", space.Strategies);
        CheckKeyholders(errors, space.Keyholders);
        errors.ThrowIfAny("The space is not valid");
        return space with { Finalizer = EvmAddress.ToChecksum(space.Finalizer), Token = space.Token is null ? null : EvmAddress.ToChecksum(space.Token) };
    }

    /// <summary>Checks a weight strategy list as <see cref="Weights.WeightStrategies"/> reads it (1 to 8 strategies of known kinds), adding every problem.</summary>
    public static void CheckStrategies(ValidationErrors errors, string member, JsonArray? strategies)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (strategies is null)
        {
            errors.Check(false, member, "1 to 8 weight strategies are required.");
            return;
        }

        try
        {
            Weights.WeightStrategies.Parse(strategies.ToJsonString(), member);
        }
        catch (ValidationException exception)
        {
            foreach (var (key, problems) in exception.Errors)
            {
                errors.Check(false, key, problems[0]);
            }
        }
    }

    public static void CheckDefaults(ValidationErrors errors, string member, VotingDefaults? defaults)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (defaults is null)
        {
            errors.Check(false, member, "The default voting settings are required.");
            return;
        }

        errors.Check(VotingTypes.TryParse(defaults.Type, out _), member + ".type", "The type is basic, single-choice, approval, weighted, quadratic or ranked-choice.")
            .Check(defaults.VotingPeriodSeconds is >= MinVotingPeriodSeconds and <= MaxVotingPeriodSeconds, member + ".votingPeriodSeconds", $"The voting period is {MinVotingPeriodSeconds} s to 366 days.")
            .Check(defaults.PassThreshold is >= 0 and < 10_000, member + ".passThreshold", "The pass threshold is 0 to 9,999 basis points.");
        CheckQuorum(errors, member + ".quorum", defaults.Quorum);
        CheckEligibility(errors, member + ".eligibility", defaults.Eligibility);
    }

    public static void CheckQuorum(ValidationErrors errors, string member, QuorumSetting? quorum)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (quorum is null)
        {
            return;
        }

        var ok = quorum.Kind switch
        {
            "none" => quorum.Value is "0" or "",
            "absolute" => IsNonNegativeInteger(quorum.Value),
            "basis-points" => int.TryParse(quorum.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var bp) && bp is >= 0 and <= 10_000 && quorum.Value == bp.ToString(CultureInfo.InvariantCulture),
            _ => false,
        };
        errors.Check(ok, member, "A quorum is {kind: none | absolute | basis-points, value: a decimal integer (basis points 0 to 10,000)}.");
    }

    public static void CheckEligibility(ValidationErrors errors, string member, Eligibility? eligibility)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (eligibility is null)
        {
            return;
        }

        errors.Check(IsCredentialType(eligibility.CredentialType), member + ".credentialType", "The credential type is 1 to 100 letters and digits.")
            .Check(eligibility.Issuers is { Count: > 0 and <= MaxIssuers } && eligibility.Issuers.All(Did.IsValid), member + ".issuers", $"1 to {MaxIssuers} issuer DIDs are required.");
    }

    /// <summary>A decimal integer 0 or more without sign, spaces or leading zeros.</summary>
    public static bool IsNonNegativeInteger(string? text) =>
        !string.IsNullOrEmpty(text) && text.Length <= 78 && text.All(char.IsAsciiDigit) && (text.Length == 1 || text[0] != '0');

    public static BigInteger ParseInteger(string text) => BigInteger.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);

    private static bool IsCredentialType(string? type) => type is { Length: > 0 and <= 100 } && type.All(char.IsAsciiLetterOrDigit);

    private static void CheckProposers(ValidationErrors errors, ProposerRule? rule)
    {
        if (rule is null || (rule.CredentialType is null && rule.MinimumWeight is null))
        {
            errors.Check(false, "proposers", "Name who may propose: a credentialType with issuers, a minimumWeight, or both.");
            return;
        }

        if (rule.CredentialType is not null || rule.Issuers is not null)
        {
            CheckEligibility(errors, "proposers", new Eligibility(rule.CredentialType!, rule.Issuers!));
        }

        errors.Check(rule.MinimumWeight is null || IsNonNegativeInteger(rule.MinimumWeight), "proposers.minimumWeight", "The minimum weight is a decimal integer.");
    }

    private static void CheckKeyholders(ValidationErrors errors, IReadOnlyList<Keyholder>? keyholders)
    {
        if (keyholders is null)
        {
            errors.Check(false, "keyholders", "keyholders is a list (empty when the space has no shielded proposals).");
            return;
        }

        errors.Check(keyholders.Count <= MaxKeyholders, "keyholders", $"A space has at most {MaxKeyholders} keyholders.");
        for (var i = 0; i < keyholders.Count; i++)
        {
            var key = keyholders[i]?.EncryptionKey;
            errors.Check(keyholders[i] is not null && Did.IsValid(keyholders[i].Did), $"keyholders[{i}].did", Did.Problem($"keyholders[{i}].did"))
                .Check(key is not null && Base64Url.TryDecode(key, out var bytes) && Shielded.BallotEncryption.IsUsableKey(bytes), $"keyholders[{i}].encryptionKey", "The encryption key is a 32-byte X25519 public key (not a low-order point), base64url.");
        }

        errors.Check(keyholders.Select(k => k?.Did).Distinct(StringComparer.Ordinal).Count() == keyholders.Count, "keyholders", "A keyholder is listed twice.");
    }
}
