using System.Text.Json.Nodes;
using MLGov.Trust.Dids;
using MLGov.Trust.Jose;

namespace MLGov.Trust.Credentials;

/// <summary>
/// Verifies a VC-JWT in either format and reports every check by name (<see cref="CredentialChecks"/>): format, issuer,
/// signature (a key of the issuer's resolved DID under <c>assertionMethod</c>, found by <c>kid</c>), validity, types,
/// subject, status. Status is checked only once the issuer and signature have passed, so a forged token causes no
/// status list fetch. A credential with a status entry and no status checker configured fails: unknown status is not
/// "not revoked". Never throws on bad input.
/// </summary>
public sealed class VcJwtVerifier
{
    private readonly IDidResolver _resolver;
    private readonly ICredentialStatusChecker? _statusChecker;
    private readonly CredentialVerifierOptions _options;
    private readonly TimeProvider _time;

    public VcJwtVerifier(IDidResolver resolver, ICredentialStatusChecker? statusChecker = null, CredentialVerifierOptions? options = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        _resolver = resolver;
        _statusChecker = statusChecker;
        _options = options ?? CredentialVerifierOptions.Default;
        _time = time ?? TimeProvider.System;
    }

    public async ValueTask<CredentialVerificationResult> VerifyAsync(string? jwt, CredentialExpectations? expectations = null, CancellationToken cancellationToken = default)
    {
        expectations ??= CredentialExpectations.None;
        if (jwt is not null && jwt.Length > _options.MaxTokenLength)
        {
            return Unreadable(VerificationCheck.Fail(CredentialChecks.Format, CredentialErrors.TooLarge, $"The token is longer than {_options.MaxTokenLength} characters."));
        }

        var jws = CompactJws.TryParse(jwt, out var problem);
        if (jws is null)
        {
            return Unreadable(VerificationCheck.Fail(CredentialChecks.Format, CredentialErrors.Malformed, problem!));
        }

        var credential = CredentialReader.TryRead(jws, out var formatFailure);
        if (credential is null)
        {
            return Unreadable(formatFailure!);
        }

        var checks = new List<VerificationCheck>(7)
        {
            VerificationCheck.Pass(CredentialChecks.Format, CredentialFormats.Name(credential.Format)),
            IssuerCheck(credential, expectations),
            await SignatureCheck.RunAsync(_resolver, jws, VerificationRelationships.AssertionMethod, cancellationToken).ConfigureAwait(false),
            ValidityCheck.Run(credential.NotBefore, credential.NotAfter, _time.GetUtcNow(), _options.ClockSkew),
            TypesCheck(credential, expectations),
            SubjectCheck(credential, expectations),
        };
        var authentic = checks[1].Outcome == CheckOutcome.Passed && checks[2].Outcome == CheckOutcome.Passed;
        checks.Add(await StatusCheckAsync(credential, authentic, cancellationToken).ConfigureAwait(false));

        return new CredentialVerificationResult(
            checks.TrueForAll(c => c.Outcome != CheckOutcome.Failed),
            CredentialFormats.Name(credential.Format),
            credential.Issuer,
            credential.Subject,
            credential.Id,
            credential.Types,
            checks,
            credential.Credential);
    }

    private static VerificationCheck IssuerCheck(ParsedCredential credential, CredentialExpectations expectations)
    {
        if (credential.IssuerClaims.Any(i => i != credential.Issuer))
        {
            return VerificationCheck.Fail(CredentialChecks.Issuer, CredentialErrors.IssuerMismatch,
                "The token names more than one issuer: " + string.Join(", ", credential.IssuerClaims.Distinct()) + ".");
        }

        if (!DidUrl.TryParseMethodReference(credential.Jws.Kid, out var kid, out _) || kid!.Did != credential.Issuer)
        {
            return VerificationCheck.Fail(CredentialChecks.Issuer, CredentialErrors.IssuerMismatch,
                $"The kid must be a verification method of the issuer {credential.Issuer}.");
        }

        if (expectations.TrustedIssuers is { Count: > 0 } trusted && !trusted.Contains(credential.Issuer))
        {
            return VerificationCheck.Fail(CredentialChecks.Issuer, CredentialErrors.UntrustedIssuer, $"{credential.Issuer} is not a trusted issuer.");
        }

        return VerificationCheck.Pass(CredentialChecks.Issuer, credential.Issuer);
    }

    private static VerificationCheck TypesCheck(ParsedCredential credential, CredentialExpectations expectations)
    {
        if (expectations.Types is not { Count: > 0 } expected)
        {
            return VerificationCheck.Skip(CredentialChecks.Types, "No type was expected.");
        }

        var missing = expected.Where(t => !credential.Types.Contains(t)).ToList();
        return missing.Count == 0
            ? VerificationCheck.Pass(CredentialChecks.Types)
            : VerificationCheck.Fail(CredentialChecks.Types, CredentialErrors.TypeMissing, "Missing type: " + string.Join(", ", missing) + ".");
    }

    private static VerificationCheck SubjectCheck(ParsedCredential credential, CredentialExpectations expectations)
    {
        if (expectations.Subject is not { } expected)
        {
            return VerificationCheck.Skip(CredentialChecks.Subject, "No subject was expected.");
        }

        return credential.Subject == expected
            ? VerificationCheck.Pass(CredentialChecks.Subject)
            : VerificationCheck.Fail(CredentialChecks.Subject, CredentialErrors.SubjectMismatch,
                $"The credential is about {credential.Subject ?? "no subject id"}, not {expected}.");
    }

    private async ValueTask<VerificationCheck> StatusCheckAsync(ParsedCredential credential, bool authentic, CancellationToken cancellationToken)
    {
        if (credential.Status.Count == 0)
        {
            return VerificationCheck.Skip(CredentialChecks.Status, "The credential has no credentialStatus.");
        }

        if (!authentic)
        {
            return VerificationCheck.Skip(CredentialChecks.Status, "Not checked: the issuer or signature check failed.");
        }

        if (_statusChecker is null)
        {
            return VerificationCheck.Fail(CredentialChecks.Status, CredentialErrors.StatusUnchecked,
                "The credential has a status entry and this verifier has no status checker.");
        }

        foreach (var entry in credential.Status)
        {
            if (entry is not JsonObject entryObject)
            {
                return VerificationCheck.Fail(CredentialChecks.Status, CredentialErrors.MalformedStatus, "credentialStatus entries are objects.");
            }

            var check = await _statusChecker.CheckAsync(entryObject, credential.Issuer, cancellationToken).ConfigureAwait(false);
            if (check.Outcome != CheckOutcome.Passed)
            {
                return check.Outcome == CheckOutcome.Failed
                    ? check
                    : VerificationCheck.Fail(CredentialChecks.Status, CredentialErrors.StatusUnavailable, check.Detail ?? "The status could not be checked.");
            }
        }

        return VerificationCheck.Pass(CredentialChecks.Status);
    }

    private static CredentialVerificationResult Unreadable(VerificationCheck formatFailure)
    {
        const string notRun = "Not run: the token could not be read.";
        return new CredentialVerificationResult(false, null, null, null, null, [],
        [
            formatFailure,
            VerificationCheck.Skip(CredentialChecks.Issuer, notRun),
            VerificationCheck.Skip(CredentialChecks.Signature, notRun),
            VerificationCheck.Skip(CredentialChecks.Validity, notRun),
            VerificationCheck.Skip(CredentialChecks.Types, notRun),
            VerificationCheck.Skip(CredentialChecks.Subject, notRun),
            VerificationCheck.Skip(CredentialChecks.Status, notRun),
        ], null);
    }
}
