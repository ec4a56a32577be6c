namespace MLGov.Trust.Status;

/// <summary>The status purposes checked here: a set revocation bit is permanent, a set suspension bit may be cleared again.</summary>
public static class StatusPurposes
{
    public const string Revocation = "revocation";
    public const string Suspension = "suspension";

    public static bool IsSupported(string? purpose) => purpose is Revocation or Suspension;
}
