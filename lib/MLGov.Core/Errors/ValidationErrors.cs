namespace MLGov.Core.Errors;

/// <summary>
/// Collects every problem of a request before refusing it, so a caller learns all that is wrong at
/// once. The first problem named for a member wins; later ones for the same member are dropped.
/// </summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public IReadOnlyDictionary<string, string[]> Errors => _errors;

    /// <summary>Records <paramref name="problem"/> for <paramref name="member"/> unless <paramref name="valid"/>.</summary>
    public ValidationErrors Check(bool valid, string member, string problem)
    {
        if (!valid)
        {
            _errors.TryAdd(member, [problem]);
        }

        return this;
    }

    public bool Has(string member) => _errors.ContainsKey(member);

    /// <summary>Throws one <see cref="ValidationException"/> with every problem when there is any.</summary>
    public void ThrowIfAny(string summary)
    {
        if (_errors.Count > 0)
        {
            throw new ValidationException(summary + ": " + string.Join(" ", _errors.Values.Select(v => v[0])), _errors);
        }
    }
}
