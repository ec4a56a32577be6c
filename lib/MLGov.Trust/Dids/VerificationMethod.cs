using MLGov.Trust.Keys;

namespace MLGov.Trust.Dids;

/// <summary>A verification method found in a DID document: its absolute id, type, controller and the public key it holds.</summary>
public sealed record VerificationMethod(string Id, string Type, string Controller, PublicKey PublicKey);
