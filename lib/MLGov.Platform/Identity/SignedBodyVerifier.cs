using System.Text.Json;
using MLGov.Core.Encoding;
using MLGov.Core.Errors;
using MLGov.Core.Json;
using MLGov.Trust.Credentials;
using MLGov.Trust.Dids;
using MLGov.Trust.Jose;

namespace MLGov.Platform.Identity;

/// <summary>
/// Checks that a request body is signed by a key of a DID: header <c>Body-Signature</c> carries a detached compact JWS
/// (RFC 7515 Appendix F: <c>protected..signature</c>) whose payload is the RFC 8785 canonical form of the JSON body, so
/// the signature survives re-serialisation of the same JSON. The protected header names the key (<c>kid</c>, a DID URL
/// whose DID lists it under <c>authentication</c>), the app's audience (<c>aud</c>) and the signing time (<c>iat</c>,
/// within <see cref="PresentationOptions.SignedBodySkew"/>), so a signed body is good for one app and a short time.
/// Replays within that time carry the same body; the operations that take signed bodies are idempotent by their ids.
/// </summary>
public sealed class SignedBodyVerifier
{
    public const string Header = "Body-Signature";

    private readonly IDidResolver _resolver;
    private readonly string _audience;
    private readonly PresentationOptions _options;
    private readonly TimeProvider _time;

    public SignedBodyVerifier(IDidResolver resolver, string audience, PresentationOptions options, TimeProvider time)
    {
        _resolver = resolver;
        _audience = audience;
        _options = options;
        _time = time;
    }

    /// <summary>The DID whose key signed <paramref name="body"/>; a 401 problem for a missing, malformed, forged, stale or misdirected signature.</summary>
    public async Task<string> VerifyAsync(string? signature, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var parts = signature?.Split('.');
        if (parts is not { Length: 3 } || parts[1].Length != 0 || parts[0].Length == 0 || parts[2].Length == 0)
        {
            throw new UnauthorizedException($"The request body must be signed: header {Header} with a detached JWS (protected..signature).");
        }

        string canonical;
        try
        {
            canonical = CanonicalJson.Canonicalize(System.Text.Encoding.UTF8.GetString(body.Span));
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException or FormatException)
        {
            throw ValidationException.For(string.Empty, "The request body is not JSON that can be canonicalized (RFC 8785).");
        }

        var jws = CompactJws.TryParse($"{parts[0]}.{Base64Url.Encode(System.Text.Encoding.UTF8.GetBytes(canonical))}.{parts[2]}", out var problem)
            ?? throw new UnauthorizedException("The body signature is not a JWS: " + problem);
        if (!DidUrl.TryParseMethodReference(jws.Kid, out var kid, out _))
        {
            throw new UnauthorizedException("The body signature's kid must be a DID URL naming a verification method.");
        }

        if (jws.Header["aud"]?.GetValueKind() != JsonValueKind.String || (string?)jws.Header["aud"] != _audience)
        {
            throw new UnauthorizedException($"The body signature must carry aud '{_audience}' in its protected header.");
        }

        if (jws.Header["iat"]?.GetValueKind() != JsonValueKind.Number || !jws.Header["iat"]!.AsValue().TryGetValue<long>(out var iat)
            || Math.Abs((_time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(iat, 0, 253402300799))).Ticks) > _options.SignedBodySkew.Ticks)
        {
            throw new UnauthorizedException($"The body signature's iat must be the signing time (within {_options.SignedBodySkew.TotalMinutes:0} minutes of now).");
        }

        var check = await DidJwsVerifier.VerifyAsync(_resolver, jws, VerificationRelationships.Authentication, cancellationToken).ConfigureAwait(false);
        if (check.Outcome != CheckOutcome.Passed)
        {
            throw new UnauthorizedException($"The body signature does not verify: {check.Error} ({check.Detail}).");
        }

        return kid!.Did;
    }
}
