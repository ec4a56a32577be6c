using System.Diagnostics;
using Azure.Identity;
using MLGov.Platform.Chain.Signing;
using MLGov.Testing.KeyVault;

namespace MLGov.Platform.Tests.Chain.Signing;

/// <summary>
/// Key Vault's error answers and transport failures become transient or permanent
/// <see cref="ChainSignerException"/>s as documented (docs/keys.md), with bounded in-call retries.
/// </summary>
public sealed class KeyVaultSignerErrorTests : IAsyncLifetime
{
    private KeyVaultStandIn _vault = null!;

    public async Task InitializeAsync()
    {
        _vault = await KeyVaultStandIn.StartAsync();
        _vault.AddSecp256k1Key("operator", "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    }

    public async Task DisposeAsync() => await _vault.DisposeAsync();

    public static TheoryData<string, bool> Faults => new()
    {
        { "403", false },
        { "404", false },
        { "400", false },
        { "500", true },
        { "503", true },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_sign_error_is_transient_or_permanent_as_documented(string status, bool transient)
    {
        using var signer = await ReadySignerAsync(o => o.MaxRetries = 2);
        _vault.InjectFault(status switch
        {
            "403" => KeyVaultFault.Forbidden(KeyVaultOperation.Sign),
            "404" => KeyVaultFault.KeyNotFound(KeyVaultOperation.Sign),
            "400" => KeyVaultFault.BadParameter(KeyVaultOperation.Sign),
            "500" => KeyVaultFault.InternalError(KeyVaultOperation.Sign),
            _ => KeyVaultFault.ServiceUnavailable(KeyVaultOperation.Sign),
        });

        var error = await Assert.ThrowsAsync<ChainSignerException>(() => signer.SignDigestAsync(SignerSupport.RandomDigest(), CancellationToken.None).AsTask());

        Assert.Equal(transient, error.IsTransient);
        Assert.Contains(status, error.Message, StringComparison.Ordinal);
        Assert.Null(error.RetryAfter);

        // A permanent error is never repeated; a transient one is tried 1 + MaxRetries times in the call.
        Assert.Equal(transient ? 3 : 1, _vault.Count(KeyVaultOperation.Sign));
    }

    [Fact]
    public async Task The_error_code_of_the_vault_reaches_the_message()
    {
        using var signer = await ReadySignerAsync();
        _vault.InjectFault(KeyVaultFault.Forbidden(KeyVaultOperation.Sign));

        var error = await Assert.ThrowsAsync<ChainSignerException>(() => signer.SignDigestAsync(SignerSupport.RandomDigest(), CancellationToken.None).AsTask());

        Assert.Contains("Forbidden/ForbiddenByRbac", error.Message, StringComparison.Ordinal);
        Assert.Contains("keys/sign/action", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Throttling_is_transient_carries_Retry_After_and_is_not_retried_in_the_call()
    {
        using var signer = await ReadySignerAsync(o => o.MaxRetries = 3);
        // A Retry-After shorter than the request timeout: waiting it out in the call would be possible, and is not done.
        _vault.InjectFault(KeyVaultFault.Throttled(TimeSpan.FromSeconds(2), KeyVaultOperation.Sign));

        var error = await Assert.ThrowsAsync<ChainSignerException>(() => signer.SignDigestAsync(SignerSupport.RandomDigest(), CancellationToken.None).AsTask());

        Assert.True(error.IsTransient);
        Assert.Equal(TimeSpan.FromSeconds(2), error.RetryAfter);
        Assert.Equal(1, _vault.Count(KeyVaultOperation.Sign));
    }

    [Fact]
    public async Task A_slow_answer_is_a_transient_timeout()
    {
        using var signer = await ReadySignerAsync(o =>
        {
            o.RequestTimeout = TimeSpan.FromMilliseconds(300);
            o.MaxRetries = 0;
        });
        _vault.InjectFault(KeyVaultFault.Slow(TimeSpan.FromSeconds(10), KeyVaultOperation.Sign));
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<ChainSignerException>(() => signer.SignDigestAsync(SignerSupport.RandomDigest(), CancellationToken.None).AsTask());

        Assert.True(error.IsTransient);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"gave up after {clock.Elapsed}");
        Assert.IsAssignableFrom<OperationCanceledException>(error.InnerException);
    }

    [Fact]
    public async Task A_single_server_error_or_slow_answer_is_absorbed_by_the_in_call_retry()
    {
        using var signer = await ReadySignerAsync(o =>
        {
            o.RequestTimeout = TimeSpan.FromMilliseconds(500);
            o.MaxRetries = 2;
        });
        _vault.InjectFault(KeyVaultFault.InternalError(KeyVaultOperation.Sign) with { Times = 1 });
        _vault.InjectFault(KeyVaultFault.Slow(TimeSpan.FromSeconds(5), KeyVaultOperation.Sign) with { Times = 1 });

        var signature = await signer.SignDigestAsync(SignerSupport.RandomDigest(), CancellationToken.None);

        Assert.Equal(32, signature.R.Length);
        Assert.Equal(3, _vault.Count(KeyVaultOperation.Sign));
    }

    [Fact]
    public async Task An_unreachable_vault_is_transient()
    {
        var port = MLGov.DevStack.FreePort.Next();
        using var signer = new KeyVaultSigner(
            new ChainSignerOptions { KeyVaultKeyId = new Uri($"http://127.0.0.1:{port}/keys/operator"), MaxRetries = 1, RetryDelay = TimeSpan.FromMilliseconds(10) },
            _vault.Credential,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<KeyVaultSigner>.Instance);

        var error = await Assert.ThrowsAsync<ChainSignerException>(() => signer.SignDigestAsync(SignerSupport.RandomDigest(), CancellationToken.None).AsTask());

        Assert.True(error.IsTransient);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    [Fact]
    public async Task Errors_while_reading_the_key_map_the_same_way()
    {
        using var forbidden = SignerSupport.Signer(_vault, _vault.KeyId("operator"), o => o.MaxRetries = 0);
        _vault.InjectFault(KeyVaultFault.Forbidden(KeyVaultOperation.GetKey) with { Times = 1 });
        Assert.False((await Assert.ThrowsAsync<ChainSignerException>(() => forbidden.InitializeAsync(CancellationToken.None))).IsTransient);

        _vault.InjectFault(KeyVaultFault.Throttled(TimeSpan.FromSeconds(3), KeyVaultOperation.GetKey) with { Times = 1 });
        var throttled = await Assert.ThrowsAsync<ChainSignerException>(() => forbidden.InitializeAsync(CancellationToken.None));
        Assert.True(throttled.IsTransient);
        Assert.Equal(TimeSpan.FromSeconds(3), throttled.RetryAfter);

        // Once the vault answers, the same signer reads the key and signs.
        await forbidden.SignDigestAsync(SignerSupport.RandomDigest(), CancellationToken.None);
        Assert.Equal("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", forbidden.Address);
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_dressed_up_as_a_signer_error()
    {
        using var signer = await ReadySignerAsync();
        _vault.InjectFault(KeyVaultFault.Slow(TimeSpan.FromSeconds(10), KeyVaultOperation.Sign));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => signer.SignDigestAsync(SignerSupport.RandomDigest(), cancel.Token).AsTask());
    }

    [Fact]
    public async Task The_token_is_requested_for_the_resource_and_tenant_the_challenge_names()
    {
        using var signer = await ReadySignerAsync();
        await signer.SignDigestAsync(SignerSupport.RandomDigest(), CancellationToken.None);

        var (scope, tenant) = Assert.Single(_vault.Credential.Requests.Distinct());
        Assert.Equal(_vault.ChallengeResource + "/.default", scope);
        Assert.Equal(_vault.TenantId, tenant);

        // Only the first request went without a token; the token is reused, not fetched per call.
        Assert.Single(_vault.Requests, r => r.TokenScope is null);
        Assert.Single(_vault.Credential.Requests);
    }

    [Fact]
    public async Task A_challenge_for_another_resource_gets_no_token()
    {
        // A hostile endpoint would have the app's identity mint a token for, say, Azure Resource Manager.
        _vault.ChallengeResource = "https://management.azure.com";
        using var signer = SignerSupport.Signer(_vault, _vault.KeyId("operator"));

        var error = await Assert.ThrowsAsync<ChainSignerException>(() => signer.InitializeAsync(CancellationToken.None));

        Assert.False(error.IsTransient);
        Assert.Empty(_vault.Credential.Requests);
        Assert.All(_vault.Requests, r => Assert.Null(r.TokenScope));
    }

    [Fact]
    public async Task A_token_the_vault_keeps_refusing_is_a_permanent_error()
    {
        // The credential's tokens are for another audience: the vault answers 401 again after the challenge.
        using var signer = new KeyVaultSigner(
            new ChainSignerOptions { KeyVaultKeyId = _vault.KeyId("operator") },
            new StandInCredential(),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<KeyVaultSigner>.Instance);

        var error = await Assert.ThrowsAsync<ChainSignerException>(() => signer.InitializeAsync(CancellationToken.None));

        Assert.False(error.IsTransient);
        Assert.Contains("401", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, _vault.Count(KeyVaultOperation.GetKey));
    }

    [Fact]
    public async Task A_missing_identity_is_permanent_and_a_failing_token_endpoint_transient()
    {
        using var signer = SignerSupport.Signer(_vault, _vault.KeyId("operator"));

        _vault.Credential.Failure = new CredentialUnavailableException("No managed identity endpoint found.");
        Assert.False((await Assert.ThrowsAsync<ChainSignerException>(() => signer.InitializeAsync(CancellationToken.None))).IsTransient);

        _vault.Credential.Failure = new AuthenticationFailedException("The identity endpoint answered 500.");
        Assert.True((await Assert.ThrowsAsync<ChainSignerException>(() => signer.InitializeAsync(CancellationToken.None))).IsTransient);

        _vault.Credential.Failure = null;
        await signer.InitializeAsync(CancellationToken.None);
    }

    private async Task<KeyVaultSigner> ReadySignerAsync(Action<ChainSignerOptions>? configure = null)
    {
        var signer = SignerSupport.Signer(_vault, _vault.KeyId("operator"), configure);
        await signer.InitializeAsync(CancellationToken.None);
        return signer;
    }
}
