namespace MLGov.Testing.KeyVault;

/// <summary>
/// A failure the stand-in answers with instead of doing the operation, in Key Vault's documented error shape
/// (<c>{"error":{"code","message","innererror"}}</c>). <see cref="Status"/> 0 is no error, only <see cref="Delay"/>.
/// </summary>
public sealed record KeyVaultFault(int Status, string Code, string Message)
{
    public KeyVaultOperation Operation { get; init; } = KeyVaultOperation.Any;

    /// <summary>How many matching requests get the fault; after that they are served normally.</summary>
    public int Times { get; init; } = int.MaxValue;

    public TimeSpan? RetryAfter { get; init; }

    public string? InnerCode { get; init; }

    /// <summary>Time to wait before answering (longer than the client's timeout makes a timeout).</summary>
    public TimeSpan Delay { get; init; }

    public static KeyVaultFault Forbidden(KeyVaultOperation operation = KeyVaultOperation.Any) =>
        new(403, "Forbidden", "Caller is not authorized to perform action on resource. Action: 'Microsoft.KeyVault/vaults/keys/sign/action'") { Operation = operation, InnerCode = "ForbiddenByRbac" };

    public static KeyVaultFault KeyNotFound(KeyVaultOperation operation = KeyVaultOperation.Any) =>
        new(404, "KeyNotFound", "A key with (name/id) was not found in this key vault.") { Operation = operation };

    public static KeyVaultFault BadParameter(KeyVaultOperation operation = KeyVaultOperation.Any) =>
        new(400, "BadParameter", "Key and signing algorithm are incompatible.") { Operation = operation };

    public static KeyVaultFault Throttled(TimeSpan retryAfter, KeyVaultOperation operation = KeyVaultOperation.Any) =>
        new(429, "Throttled", "Request was not processed because too many requests were received.") { Operation = operation, RetryAfter = retryAfter };

    public static KeyVaultFault InternalError(KeyVaultOperation operation = KeyVaultOperation.Any) =>
        new(500, "InternalServerError", "An internal error occurred.") { Operation = operation };

    public static KeyVaultFault ServiceUnavailable(KeyVaultOperation operation = KeyVaultOperation.Any) =>
        new(503, "ServiceUnavailable", "The service is temporarily unavailable.") { Operation = operation };

    public static KeyVaultFault Slow(TimeSpan delay, KeyVaultOperation operation = KeyVaultOperation.Any) =>
        new(0, string.Empty, string.Empty) { Operation = operation, Delay = delay };
}
