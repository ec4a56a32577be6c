using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using MLGov.Core.Errors;
using MLGov.Core.Identifiers;

namespace MLGov.Voting.Domain.Weights;

/// <summary>
/// Validation and the JSON shape of a strategy list. A list holds 1 to <see cref="MaxStrategies"/> strategies; the
/// weight is the sum over them. JSON (wire names kebab-case, integers as decimal strings, written in this member order):
/// <code>
/// [ {"kind":"credential","credentialType":"ProviderCredential","issuers":["did:web:issuer.example"],"multiplier":"1"},
///   {"kind":"erc20-balance","token":"0x…","multiplier":"1","divisor":"1000000000000000000"},
///   {"kind":"stake","pool":"0x…","serviceId":"0x…64 hex…","multiplier":"2","divisor":"1"},
///   {"kind":"reputation","multiplier":"1","divisor":"1"} ]
/// </code>
/// On reading, <c>multiplier</c> and <c>divisor</c> may be omitted (1) and may be JSON integers; <c>serviceId</c> may be
/// omitted (every service); a credential strategy without <c>credentialType</c> and <c>issuers</c> counts the proposal's
/// eligibility credential (<c>{"kind":"credential","multiplier":"1"}</c>). Every problem is reported at once in a <see cref="ValidationException"/>, each under its
/// member path (<c>strategies[1].token</c>).
/// </summary>
public static class WeightStrategies
{
    /// <summary>The most strategies one list may combine.</summary>
    public const int MaxStrategies = 8;

    /// <summary>The most issuers one credential strategy may list.</summary>
    public const int MaxIssuers = 20;

    /// <summary>The longest credential type name.</summary>
    public const int MaxCredentialTypeLength = 200;

    /// <summary>The largest multiplier (10^18).</summary>
    public static readonly BigInteger MaxMultiplier = BigInteger.Pow(10, 18);

    /// <summary>The largest divisor (10^36).</summary>
    public static readonly BigInteger MaxDivisor = BigInteger.Pow(10, 36);

    private const string DefaultMember = "strategies";

    /// <summary>Refuses a list that cannot be weighed, listing every problem.</summary>
    /// <param name="strategies">The list.</param>
    /// <param name="member">The member path of the list in the caller's request (default <c>strategies</c>).</param>
    public static void Validate(IReadOnlyList<WeightStrategy>? strategies, string member = DefaultMember)
    {
        var errors = new ValidationErrors();
        Check(strategies, member, errors);
        errors.ThrowIfAny("The weight strategies are not valid");
    }

    /// <summary>Reads and validates a JSON array of strategies.</summary>
    public static IReadOnlyList<WeightStrategy> Parse(string json, string member = DefaultMember)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException exception)
        {
            throw new ValidationException("The weight strategies are not JSON.", new Dictionary<string, string[]> { [member] = ["The weight strategies are not JSON: " + exception.Message] }, exception);
        }

        using (document)
        {
            return Parse(document.RootElement, member);
        }
    }

    /// <summary>Reads and validates a JSON array of strategies.</summary>
    public static IReadOnlyList<WeightStrategy> Parse(JsonElement json, string member = DefaultMember)
    {
        var errors = new ValidationErrors();
        if (json.ValueKind != JsonValueKind.Array)
        {
            errors.Check(false, member, "The weight strategies are a JSON array.");
            errors.ThrowIfAny("The weight strategies are not valid");
        }

        var strategies = new List<WeightStrategy>();
        var index = 0;
        foreach (var item in json.EnumerateArray())
        {
            if (ReadOne(item, $"{member}[{index}]", errors) is { } strategy)
            {
                CheckOne(strategy, $"{member}[{index}]", errors);
                strategies.Add(strategy);
            }

            index++;
        }

        if (errors.IsEmpty)
        {
            Check(strategies, member, errors);
        }
        else
        {
            errors.Check(index is >= 1 and <= MaxStrategies, member, CountProblem);
        }

        errors.ThrowIfAny("The weight strategies are not valid");
        return strategies;
    }

    /// <summary>The JSON array of <paramref name="strategies"/> (validated first).</summary>
    public static string ToJson(IReadOnlyList<WeightStrategy> strategies)
    {
        Validate(strategies);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartArray();
            foreach (var strategy in strategies)
            {
                Write(writer, strategy);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    internal static WeightStrategy ParseOne(JsonElement item)
    {
        var errors = new ValidationErrors();
        var strategy = ReadOne(item, "strategy", errors);
        if (strategy is not null)
        {
            CheckOne(strategy, "strategy", errors);
        }

        errors.ThrowIfAny("The weight strategy is not valid");
        return strategy!;
    }

    internal static void Write(Utf8JsonWriter writer, WeightStrategy strategy)
    {
        writer.WriteStartObject();
        writer.WriteString("kind", WeightStrategyKinds.NameOf(strategy.Kind));
        switch (strategy)
        {
            case CredentialStrategy { IsEligibility: false } credential:
                writer.WriteString("credentialType", credential.CredentialType);
                writer.WriteStartArray("issuers");
                foreach (var issuer in credential.Issuers ?? [])
                {
                    writer.WriteStringValue(issuer);
                }

                writer.WriteEndArray();
                break;
            case Erc20BalanceStrategy erc20:
                writer.WriteString("token", erc20.Token);
                break;
            case StakeStrategy stake:
                writer.WriteString("pool", stake.Pool);
                if (stake.ServiceId is not null)
                {
                    writer.WriteString("serviceId", stake.ServiceId);
                }

                break;
        }

        writer.WriteString("multiplier", strategy.Multiplier.ToString(CultureInfo.InvariantCulture));
        if (strategy is not CredentialStrategy)
        {
            writer.WriteString("divisor", strategy.Divisor.ToString(CultureInfo.InvariantCulture));
        }

        writer.WriteEndObject();
    }

    private static string CountProblem => $"A space or proposal lists 1 to {MaxStrategies} weight strategies.";

    private static void Check(IReadOnlyList<WeightStrategy>? strategies, string member, ValidationErrors errors)
    {
        if (strategies is null)
        {
            errors.Check(false, member, CountProblem);
            return;
        }

        errors.Check(strategies.Count is >= 1 and <= MaxStrategies, member, CountProblem);
        var sources = new Dictionary<string, int>(StringComparer.Ordinal);
        var poolWide = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < strategies.Count; i++)
        {
            var path = $"{member}[{i}]";
            var strategy = strategies[i];
            if (strategy is null)
            {
                errors.Check(false, path, "A strategy is required.");
                continue;
            }

            CheckOne(strategy, path, errors);
            if (!sources.TryAdd(strategy.SourceKey, i))
            {
                errors.Check(false, path, $"This strategy reads the same source as {member}[{sources[strategy.SourceKey]}], which would count it twice; raise that one's multiplier instead.");
            }
        }

        // A pool-wide stake strategy already counts every service of its pool: a second one on that pool counts stake twice.
        for (var i = 0; i < strategies.Count; i++)
        {
            if (strategies[i] is StakeStrategy { ServiceId: null, Pool: { } pool })
            {
                poolWide.TryAdd(pool, i);
            }
        }

        for (var i = 0; i < strategies.Count; i++)
        {
            if (strategies[i] is StakeStrategy { ServiceId: not null, Pool: { } pool } && poolWide.TryGetValue(pool, out var wide))
            {
                errors.Check(false, $"{member}[{i}]", $"{member}[{wide}] already counts every service of this pool, so this one would count stake twice.");
            }
        }
    }

    private static void CheckOne(WeightStrategy strategy, string path, ValidationErrors errors)
    {
        errors.Check(strategy.Multiplier.Sign > 0 && strategy.Multiplier <= MaxMultiplier, path + ".multiplier", "The multiplier is a whole number from 1 to 10^18.");
        errors.Check(strategy.Divisor.Sign > 0 && strategy.Divisor <= MaxDivisor, path + ".divisor", "The divisor is a whole number from 1 to 10^36.");
        switch (strategy)
        {
            case CredentialStrategy { IsEligibility: true }:
                break;
            case CredentialStrategy credential:
                errors.Check(
                    credential.CredentialType is not null,
                    path + ".credentialType",
                    "A credential strategy names both a credential type and issuers, or neither (then it counts the proposal's eligibility credential).");
                errors.Check(
                    !string.IsNullOrWhiteSpace(credential.CredentialType) && credential.CredentialType.Length <= MaxCredentialTypeLength && !credential.CredentialType.Any(char.IsControl),
                    path + ".credentialType",
                    $"The credential type is a name of 1 to {MaxCredentialTypeLength} characters.");
                if (credential.Issuers is not { Count: >= 1 and <= MaxIssuers })
                {
                    errors.Check(false, path + ".issuers", $"A credential strategy lists 1 to {MaxIssuers} issuer DIDs.");
                    break;
                }

                for (var k = 0; k < credential.Issuers.Count; k++)
                {
                    errors.Did($"{path}.issuers[{k}]", credential.Issuers[k]);
                }

                errors.Check(credential.Issuers.Distinct(StringComparer.Ordinal).Count() == credential.Issuers.Count, path + ".issuers", "An issuer is listed twice.");
                break;
            case Erc20BalanceStrategy erc20:
                errors.EvmAddress(path + ".token", erc20.Token);
                errors.Check(!IsZeroAddress(erc20.Token), path + ".token", "The token is not the zero address.");
                break;
            case StakeStrategy stake:
                errors.EvmAddress(path + ".pool", stake.Pool);
                errors.Check(!IsZeroAddress(stake.Pool), path + ".pool", "The pool is not the zero address.");
                errors.Check(stake.ServiceId is null || IsBytes32(stake.ServiceId), path + ".serviceId", "The service id is 0x and 64 hex digits (omit it for every service of the pool).");
                break;
            case ReputationStrategy:
                break;
            default:
                errors.Check(false, path + ".kind", "The strategy kind is unknown; known: " + string.Join(", ", WeightStrategyKinds.All) + ".");
                break;
        }
    }

    private static WeightStrategy? ReadOne(JsonElement item, string path, ValidationErrors errors)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            errors.Check(false, path, "A strategy is a JSON object with a kind.");
            return null;
        }

        var kindText = item.TryGetProperty("kind", out var kindElement) && kindElement.ValueKind == JsonValueKind.String ? kindElement.GetString() : null;
        if (!WeightStrategyKinds.TryParse(kindText, out var kind))
        {
            errors.Check(false, path + ".kind", "The strategy kind is unknown; known: " + string.Join(", ", WeightStrategyKinds.All) + ".");
            return null;
        }

        string[] allowed = kind switch
        {
            WeightStrategyKind.Credential => ["kind", "credentialType", "issuers", "multiplier"],
            WeightStrategyKind.Erc20Balance => ["kind", "token", "multiplier", "divisor"],
            WeightStrategyKind.Stake => ["kind", "pool", "serviceId", "multiplier", "divisor"],
            _ => ["kind", "multiplier", "divisor"],
        };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in item.EnumerateObject())
        {
            errors.Check(seen.Add(property.Name), path + "." + property.Name, "This member appears twice.");
            errors.Check(allowed.Contains(property.Name, StringComparer.Ordinal), path + "." + property.Name, $"A {kindText} strategy has no member '{property.Name}' (members: {string.Join(", ", allowed)}).");
        }

        var multiplier = ReadInteger(item, "multiplier", path, errors);
        var divisor = kind == WeightStrategyKind.Credential ? BigInteger.One : ReadInteger(item, "divisor", path, errors);
        return kind switch
        {
            WeightStrategyKind.Credential => new CredentialStrategy(ReadString(item, "credentialType", path, errors, required: false), item.TryGetProperty("issuers", out _) ? ReadStrings(item, "issuers", path, errors) : null, multiplier),
            WeightStrategyKind.Erc20Balance => new Erc20BalanceStrategy(ReadString(item, "token", path, errors, required: true)!, multiplier, divisor),
            WeightStrategyKind.Stake => new StakeStrategy(ReadString(item, "pool", path, errors, required: true)!, ReadString(item, "serviceId", path, errors, required: false), multiplier, divisor),
            _ => new ReputationStrategy(multiplier, divisor),
        };
    }

    private static string? ReadString(JsonElement item, string name, string path, ValidationErrors errors, bool required)
    {
        if (!item.TryGetProperty(name, out var value))
        {
            errors.Check(!required, path + "." + name, $"The member '{name}' is required.");
            return required ? string.Empty : null;
        }

        errors.Check(value.ValueKind == JsonValueKind.String, path + "." + name, $"The member '{name}' is a string.");
        return value.ValueKind == JsonValueKind.String ? value.GetString() : string.Empty;
    }

    private static string[] ReadStrings(JsonElement item, string name, string path, ValidationErrors errors)
    {
        if (!item.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Array)
        {
            errors.Check(false, path + "." + name, $"The member '{name}' is an array of strings.");
            return [];
        }

        var result = new List<string>();
        var k = 0;
        foreach (var element in value.EnumerateArray())
        {
            errors.Check(element.ValueKind == JsonValueKind.String, $"{path}.{name}[{k}]", "An issuer is a DID string.");
            result.Add(element.ValueKind == JsonValueKind.String ? element.GetString()! : string.Empty);
            k++;
        }

        return [.. result];
    }

    private static BigInteger ReadInteger(JsonElement item, string name, string path, ValidationErrors errors)
    {
        if (!item.TryGetProperty(name, out var value))
        {
            return BigInteger.One;
        }

        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
        if (text is { Length: >= 1 and <= 80 } && IsInteger(text))
        {
            return BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }

        errors.Check(false, path + "." + name, $"The {name} is a whole number, written as a JSON integer or a decimal string.");
        return BigInteger.One;
    }

    private static bool IsInteger(string text)
    {
        var digits = text.StartsWith('-') ? text.AsSpan(1) : text.AsSpan();
        return digits.Length > 0 && !digits.ContainsAnyExceptInRange('0', '9');
    }

    private static bool IsBytes32(string text) =>
        text.Length == 66 && text.StartsWith("0x", StringComparison.Ordinal) && text[2..].All(char.IsAsciiHexDigit);

    private static bool IsZeroAddress(string? address) =>
        address is { Length: 42 } && address.AsSpan(2).IndexOfAnyExcept('0') < 0;
}
