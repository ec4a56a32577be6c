namespace MLGov.Trust.Presentations;

/// <summary>What consuming a nonce found.</summary>
public enum NonceConsumption
{
    /// <summary>The nonce was issued, had not expired and had not been used: it is used now.</summary>
    Consumed,

    /// <summary>No such nonce was issued (or it is so old it was forgotten).</summary>
    Unknown,

    /// <summary>The nonce was issued but its lifetime is over.</summary>
    Expired,

    /// <summary>The nonce was consumed before: a replay.</summary>
    AlreadyUsed,
}
