using MLGov.Core.Errors;

namespace MLGov.Core.Identifiers;

/// <summary>The identifier rules as one-line checks on a <see cref="ValidationErrors"/>.</summary>
public static class IdentifierChecks
{
    public static ValidationErrors ResourceId(this ValidationErrors errors, string member, string? value)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Check(Identifiers.ResourceId.IsValid(value), member, Identifiers.ResourceId.Problem(member));
    }

    public static ValidationErrors Did(this ValidationErrors errors, string member, string? value)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Check(Identifiers.Did.IsValid(value), member, Identifiers.Did.Problem(member));
    }

    public static ValidationErrors EvmAddress(this ValidationErrors errors, string member, string? value)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Check(Identifiers.EvmAddress.IsValid(value), member, Identifiers.EvmAddress.Problem(member));
    }

    public static ValidationErrors AssetCode(this ValidationErrors errors, string member, string? value)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Check(Identifiers.AssetCode.IsValid(value), member, Identifiers.AssetCode.Problem(member));
    }
}
