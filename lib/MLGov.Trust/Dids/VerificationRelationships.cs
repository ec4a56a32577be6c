namespace MLGov.Trust.Dids;

/// <summary>The verification relationships of DID Core §5.3 that verifiers here check a key against.</summary>
public static class VerificationRelationships
{
    /// <summary>Keys the subject uses to issue claims: what signs a credential.</summary>
    public const string AssertionMethod = "assertionMethod";

    /// <summary>Keys the subject uses to prove it is who it says: what signs a presentation or a challenge response.</summary>
    public const string Authentication = "authentication";
}
