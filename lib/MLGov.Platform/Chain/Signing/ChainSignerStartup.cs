using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MLGov.Platform.Chain.Signing;

/// <summary>
/// Reads the Key Vault key when the app starts, so its address is known before the first transaction.
/// A permanent failure (no access, no such key, a key of the wrong type) stops the start: an operator
/// must act. A transient one (throttling, an outage) lets the app start and keeps reading in the background
/// with growing pauses; signing also reads the key itself when it is still unread. Does nothing without a Key Vault key.
/// </summary>
public sealed partial class ChainSignerStartup : IHostedService, IDisposable
{
    private static readonly TimeSpan MaxPause = TimeSpan.FromMinutes(1);

    private readonly IServiceProvider _services;
    private readonly IOptions<ChainSignerOptions> _options;
    private readonly ILogger<ChainSignerStartup> _logger;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private Task _background = Task.CompletedTask;

    public ChainSignerStartup(IServiceProvider services, IOptions<ChainSignerOptions> options, ILogger<ChainSignerStartup> logger, TimeProvider? time = null)
    {
        _services = services;
        _options = options;
        _logger = logger;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Completes when the background read (after a transient failure at start) has finished or stopped.</summary>
    public Task Background => _background;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.Value.KeyVaultKeyId is null || _services.GetRequiredService<IChainSigner>() is not KeyVaultSigner signer)
        {
            return;
        }

        try
        {
            await signer.InitializeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ChainSignerException exception) when (exception.IsTransient)
        {
            LogDeferred(_logger, exception, _options.Value.KeyVaultKeyId);
            _background = ReadInBackgroundAsync(signer, exception.RetryAfter, _stopping.Token);
        }
        catch (ChainSignerException exception)
        {
            LogRefused(_logger, exception, _options.Value.KeyVaultKeyId);
            throw;
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _background.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _stopping.Dispose();

    private async Task ReadInBackgroundAsync(KeyVaultSigner signer, TimeSpan? retryAfter, CancellationToken stopping)
    {
        var pause = TimeSpan.FromSeconds(1);
        try
        {
            while (true)
            {
                await Task.Delay(retryAfter ?? pause, _time, stopping).ConfigureAwait(false);
                try
                {
                    await signer.InitializeAsync(stopping).ConfigureAwait(false);
                    return;
                }
                catch (ChainSignerException exception) when (exception.IsTransient)
                {
                    LogDeferred(_logger, exception, _options.Value.KeyVaultKeyId);
                    retryAfter = exception.RetryAfter;
                    pause = pause * 2 > MaxPause ? MaxPause : pause * 2;
                }
                catch (ChainSignerException exception)
                {
                    LogRefused(_logger, exception, _options.Value.KeyVaultKeyId);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Key Vault key {KeyId} could not be read yet; trying again in the background")]
    private static partial void LogDeferred(ILogger logger, Exception exception, Uri? keyId);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Key Vault key {KeyId} cannot be used as the chain account; an operator must act")]
    private static partial void LogRefused(ILogger logger, Exception exception, Uri? keyId);
}
