namespace MLGov.Operations.DeadLetters;

/// <summary>What a resubmission did: the sequence numbers sent back (with their new message ids) and those not found.</summary>
public sealed record ResubmitResult(IReadOnlyDictionary<long, string> Resubmitted, IReadOnlyList<long> NotFound);
