namespace MLGov.Testing.KeyVault;

/// <summary>One request the stand-in received: what, where, and for which token scope (null: no or unknown token).</summary>
public sealed record RecordedKeyVaultRequest(string Method, string Path, string Query, KeyVaultOperation Operation, string? TokenScope);
