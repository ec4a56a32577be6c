using MLGov.Trust.Credentials;
using MLGov.Trust.Dids;
using MLGov.Trust.Jose;

namespace MLGov.Trust.Presentations;

/// <summary>
/// Verifies a VP-JWT and reports each check by name: format, signature (a key of the holder's DID under
/// <c>authentication</c>, the <c>kid</c>'s DID being the holder), audience, validity, nonce, credentials (each verified
/// with the <see cref="VcJwtVerifier"/>), holder binding (the holder is every credential's subject). The nonce is
/// consumed only once the signature and audience have passed, so neither a forged presentation nor one meant for another
/// verifier can burn a holder's challenge. Never throws on bad input.
/// </summary>
public sealed class VpJwtVerifier
{
    private readonly IDidResolver _resolver;
    private readonly VcJwtVerifier _credentials;
    private readonly IPresentationNonceStore _nonces;
    private readonly CredentialVerifierOptions _options;
    private readonly TimeProvider _time;

    public VpJwtVerifier(IDidResolver resolver, VcJwtVerifier credentials, IPresentationNonceStore nonces, CredentialVerifierOptions? options = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(nonces);
        _resolver = resolver;
        _credentials = credentials;
        _nonces = nonces;
        _options = options ?? CredentialVerifierOptions.Default;
        _time = time ?? TimeProvider.System;
    }

    public async ValueTask<PresentationVerificationResult> VerifyAsync(string? jwt, PresentationExpectations expectations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(expectations);
        if (jwt is not null && jwt.Length > _options.MaxTokenLength * (_options.MaxCredentialsPerPresentation + 1L))
        {
            return Unreadable(VerificationCheck.Fail(CredentialChecks.Format, CredentialErrors.TooLarge, "The presentation is too large."));
        }

        var jws = CompactJws.TryParse(jwt, out var problem);
        if (jws is null)
        {
            return Unreadable(VerificationCheck.Fail(CredentialChecks.Format, CredentialErrors.Malformed, problem!));
        }

        var presentation = PresentationReader.TryRead(jws, out var formatFailure);
        if (presentation is null)
        {
            return Unreadable(formatFailure!);
        }

        if (presentation.Credentials.Count > _options.MaxCredentialsPerPresentation)
        {
            return Unreadable(VerificationCheck.Fail(CredentialChecks.Format, CredentialErrors.TooLarge,
                $"The presentation carries {presentation.Credentials.Count} credentials; at most {_options.MaxCredentialsPerPresentation} are verified."));
        }

        var checks = new List<VerificationCheck>(7) { VerificationCheck.Pass(CredentialChecks.Format, CredentialFormats.Name(presentation.Format)) };
        var signature = HolderKidProblem(presentation)
            ?? await SignatureCheck.RunAsync(_resolver, jws, VerificationRelationships.Authentication, cancellationToken).ConfigureAwait(false);
        checks.Add(signature);
        var audience = presentation.Audiences.Contains(expectations.Audience)
            ? VerificationCheck.Pass(CredentialChecks.Audience)
            : VerificationCheck.Fail(CredentialChecks.Audience, CredentialErrors.AudienceMismatch,
                $"The presentation is for {(presentation.Audiences.Count == 0 ? "no audience" : string.Join(", ", presentation.Audiences))}, not {expectations.Audience}.");
        checks.Add(audience);
        checks.Add(ValidityCheck.Run(presentation.NotBefore, presentation.NotAfter, _time.GetUtcNow(), _options.ClockSkew));

        var authentic = signature.Outcome == CheckOutcome.Passed && audience.Outcome == CheckOutcome.Passed;
        checks.Add(await NonceCheckAsync(presentation, authentic, cancellationToken).ConfigureAwait(false));

        var results = new List<CredentialVerificationResult>(presentation.Credentials.Count);
        if (signature.Outcome == CheckOutcome.Passed)
        {
            foreach (var credential in presentation.Credentials)
            {
                results.Add(await _credentials.VerifyAsync(credential, expectations.Credentials, cancellationToken).ConfigureAwait(false));
            }
        }

        checks.Add(CredentialsCheck(signature, results));
        checks.Add(HolderBindingCheck(signature, presentation, results));
        return new PresentationVerificationResult(
            checks.TrueForAll(c => c.Outcome != CheckOutcome.Failed),
            CredentialFormats.Name(presentation.Format),
            presentation.Holder,
            checks,
            results);
    }

    private static VerificationCheck? HolderKidProblem(ParsedPresentation presentation) =>
        DidUrl.TryParseMethodReference(presentation.Jws.Kid, out var kid, out _) && kid!.Did != presentation.Holder
            ? VerificationCheck.Fail(CredentialChecks.Signature, CredentialErrors.HolderMismatch,
                $"The presentation is signed by a key of {kid.Did}, not of its holder {presentation.Holder}.")
            : null;

    private async ValueTask<VerificationCheck> NonceCheckAsync(ParsedPresentation presentation, bool authentic, CancellationToken cancellationToken)
    {
        if (presentation.Nonce is null)
        {
            return VerificationCheck.Fail(CredentialChecks.Nonce, CredentialErrors.NonceMissing, "The presentation has no nonce.");
        }

        if (!authentic)
        {
            return VerificationCheck.Skip(CredentialChecks.Nonce, "Not consumed: the signature or audience check failed.");
        }

        return await _nonces.ConsumeAsync(presentation.Nonce, cancellationToken).ConfigureAwait(false) switch
        {
            NonceConsumption.Consumed => VerificationCheck.Pass(CredentialChecks.Nonce),
            NonceConsumption.Expired => VerificationCheck.Fail(CredentialChecks.Nonce, CredentialErrors.NonceExpired, "The nonce has expired."),
            NonceConsumption.AlreadyUsed => VerificationCheck.Fail(CredentialChecks.Nonce, CredentialErrors.NonceReused, "The nonce was used before."),
            _ => VerificationCheck.Fail(CredentialChecks.Nonce, CredentialErrors.NonceUnknown, "The nonce was not issued here."),
        };
    }

    private static VerificationCheck CredentialsCheck(VerificationCheck signature, List<CredentialVerificationResult> results)
    {
        if (signature.Outcome != CheckOutcome.Passed)
        {
            return VerificationCheck.Skip(CredentialChecks.Credentials, "Not verified: the presentation's signature check failed.");
        }

        if (results.Count == 0)
        {
            return VerificationCheck.Skip(CredentialChecks.Credentials, "The presentation carries no credential.");
        }

        var failed = results.Select((r, i) => (r, i)).Where(x => !x.r.Verified).ToList();
        return failed.Count == 0
            ? VerificationCheck.Pass(CredentialChecks.Credentials, $"{results.Count} verified.")
            : VerificationCheck.Fail(CredentialChecks.Credentials, CredentialErrors.CredentialInvalid,
                string.Join("; ", failed.Select(x => $"credential {x.i}: {x.r.FirstError}")));
    }

    private static VerificationCheck HolderBindingCheck(VerificationCheck signature, ParsedPresentation presentation, List<CredentialVerificationResult> results)
    {
        if (signature.Outcome != CheckOutcome.Passed || results.Count == 0)
        {
            return VerificationCheck.Skip(CredentialChecks.HolderBinding, "No credential to bind.");
        }

        var others = results.Select((r, i) => (r, i)).Where(x => x.r.Subject != presentation.Holder).ToList();
        return others.Count == 0
            ? VerificationCheck.Pass(CredentialChecks.HolderBinding)
            : VerificationCheck.Fail(CredentialChecks.HolderBinding, CredentialErrors.NotHolder,
                string.Join("; ", others.Select(x => $"credential {x.i} is about {x.r.Subject ?? "no subject id"}")) + $", not the holder {presentation.Holder}.");
    }

    private static PresentationVerificationResult Unreadable(VerificationCheck formatFailure)
    {
        const string notRun = "Not run: the presentation could not be read.";
        return new PresentationVerificationResult(false, null, null,
        [
            formatFailure,
            VerificationCheck.Skip(CredentialChecks.Signature, notRun),
            VerificationCheck.Skip(CredentialChecks.Audience, notRun),
            VerificationCheck.Skip(CredentialChecks.Validity, notRun),
            VerificationCheck.Skip(CredentialChecks.Nonce, notRun),
            VerificationCheck.Skip(CredentialChecks.Credentials, notRun),
            VerificationCheck.Skip(CredentialChecks.HolderBinding, notRun),
        ], []);
    }
}
