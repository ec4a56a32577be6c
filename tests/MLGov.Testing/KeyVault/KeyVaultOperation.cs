namespace MLGov.Testing.KeyVault;

/// <summary>The Key Vault operations the stand-in implements.</summary>
public enum KeyVaultOperation
{
    Any,
    GetKey,
    Sign,
}
