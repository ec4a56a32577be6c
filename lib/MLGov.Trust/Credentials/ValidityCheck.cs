namespace MLGov.Trust.Credentials;

/// <summary>The <c>validity</c> check: now lies in [notBefore − skew, notAfter + skew); an open end is unbounded.</summary>
internal static class ValidityCheck
{
    public static VerificationCheck Run(DateTimeOffset? notBefore, DateTimeOffset? notAfter, DateTimeOffset now, TimeSpan skew)
    {
        if (notBefore is { } from && now + skew < from)
        {
            return VerificationCheck.Fail(CredentialChecks.Validity, CredentialErrors.NotYetValid, $"Not valid before {Json.JsonRead.Format(from)}.");
        }

        if (notAfter is { } until && now - skew >= until)
        {
            return VerificationCheck.Fail(CredentialChecks.Validity, CredentialErrors.Expired, $"Expired at {Json.JsonRead.Format(until)}.");
        }

        return VerificationCheck.Pass(CredentialChecks.Validity);
    }
}
