namespace MLGov.Testing.KeyVault;

/// <summary>A signature exactly as the stand-in returned it (r and s, 32 bytes each, s possibly high), with the digest it signed.</summary>
public sealed record RawSignature(byte[] Digest, byte[] R, byte[] S);
