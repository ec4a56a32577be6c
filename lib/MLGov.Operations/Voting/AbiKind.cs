namespace MLGov.Operations.Voting;

/// <summary>The kinds of <see cref="AbiType"/>.</summary>
public enum AbiKind
{
    Address,
    Bool,
    UnsignedInteger,
    SignedInteger,
    FixedBytes,
    Bytes,
    /// <summary>string: UTF-8 text.</summary>
    Text,
    Array,
}
