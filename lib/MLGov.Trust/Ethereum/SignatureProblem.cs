namespace MLGov.Trust.Ethereum;

/// <summary>Why an Ethereum signature was refused.</summary>
public enum SignatureProblem
{
    /// <summary>Nothing: the signer was recovered.</summary>
    None,

    /// <summary>Not 65 bytes (r ‖ s ‖ v).</summary>
    WrongLength,

    /// <summary>v is not 27, 28, 0 or 1.</summary>
    BadRecoveryId,

    /// <summary>s is above n/2: the malleable twin of a valid signature, which Ethereum (EIP-2) refuses.</summary>
    HighS,

    /// <summary>r or s is zero or not below the group order, or no public key recovers from it.</summary>
    Invalid,
}
