using System.Globalization;
using System.Numerics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MLGov.Core.Errors;
using MLGov.Platform.Chain.Signing;
using MLGov.Platform.Tables;
using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;

namespace MLGov.Platform.Chain.Transactions;

/// <summary>
/// Sends the app's chain intents with its own account, the way a production relayer does:
/// <list type="number">
/// <item><b>Admit</b>: reads the intent index, estimates each call (a revert here settles the intent as
/// reverted without sending anything), gives out nonces under the ledger's ETag-guarded nonce row and
/// stores each signed transaction with its hash, all in one ledger transaction, before anything is broadcast.</item>
/// <item><b>Broadcast</b> stored transactions in nonce order.</item>
/// <item><b>Track</b>: a nonce below the account's mined count has a receipt for one of its hashes; a
/// pending one the node no longer knows is broadcast again; one pending past
/// <see cref="ChainIntentOptions.ReplaceAfter"/> is replaced (same nonce, fees raised past the node's
/// replacement rule), so at most one of its transactions can ever mine; a receipt whose block left the
/// canonical chain sends the row back to tracking.</item>
/// <item><b>Settle</b> after <see cref="ChainIntentOptions.Confirmations"/>: the outcome (mined, or reverted
/// with the decoded error) goes into the intent row, with the app's settled event and the domain's
/// outcome handlers, in one transaction of the intent's partition.</item>
/// </list>
/// Every step is a state of a stored row changed under its ETag, so any number of instances can run it
/// side by side and a crash between any two steps resumes from the stored state. Transport failures,
/// 429, 5xx and timeouts are transient: the round stops and is tried again with backoff, and no second
/// transaction is ever signed for a nonce except as a replacement of the stored one.
/// </summary>
public sealed partial class ChainIntentSender : BackgroundService
{
    private readonly ChainIntentSignal _signal;
    private readonly IChainSigner _signer;
    private readonly ChainLedger _ledger;
    private readonly ChainRpc _rpc;
    private readonly FeeStrategy _fees;
    private readonly ChainIntentOptions _options;
    private readonly ChainFeeOptions _feeOptions;
    private readonly TableStore<ChainIntentRow> _intents;
    private readonly IReadOnlyList<IChainIntentOutcomeHandler> _handlers;
    private readonly IChainIntentEventPublisher? _publisher;
    private readonly ChainIntentStatus _status;
    private readonly TimeProvider _time;
    private readonly ILogger<ChainIntentSender> _logger;
    private readonly long _chainId;
    private DateTimeOffset _nextPrune;

    /// <summary>Index entries the last admission left queued (read there, so progress does not read the index again).</summary>
    private IReadOnlyList<ChainIntentIndexEntry> _queued = [];

    public ChainIntentSender(
        ChainIntentSignal signal,
        IChainSigner signer,
        TableStores stores,
        IOptions<ChainOptions> chain,
        IOptions<ChainIntentOptions> options,
        IOptions<ChainFeeOptions> fees,
        IEnumerable<IChainIntentOutcomeHandler> handlers,
        ChainIntentStatus status,
        TimeProvider time,
        ILogger<ChainIntentSender> logger,
        IChainIntentEventPublisher? publisher = null)
    {
        ArgumentNullException.ThrowIfNull(signal);
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(stores);
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(fees);
        _signal = signal;
        _signer = signer;
        _options = options.Value;
        _feeOptions = fees.Value;
        _chainId = chain.Value.ChainId;
        var table = TableNameOf(stores, signal.Table);
        _ledger = new ChainLedger(stores, table, _chainId, signer.Address);
        _intents = stores.For<ChainIntentRow>(table);
        _rpc = new ChainRpc(chain.Value.RpcUrl!, chain.Value.RequestTimeout);
        _fees = new FeeStrategy(_feeOptions);
        _handlers = handlers.ToList();
        _publisher = publisher;
        _status = status;
        _time = time;
        _logger = logger;
    }

    public ChainLedger Ledger => _ledger;

    public string Address => _signer.Address;

    /// <summary>
    /// One full pass: admit what is queued, then broadcast, track and settle what is active. True when
    /// there is more to do at once (more queued than one admission takes).
    /// </summary>
    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        await _ledger.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var more = await AdmitAsync(cancellationToken).ConfigureAwait(false);
        await ProgressAsync(cancellationToken).ConfigureAwait(false);
        await PruneAsync(cancellationToken).ConfigureAwait(false);
        return more;
    }

    public override void Dispose()
    {
        _rpc.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = _options.PollInterval;
            try
            {
                var more = await RunOnceAsync(stoppingToken).ConfigureAwait(false);
                failures = 0;
                _status.Succeeded();
                if (more)
                {
                    wait = TimeSpan.Zero;
                }
            }
            catch (ChainSignerException exception) when (!stoppingToken.IsCancellationRequested)
            {
                // Nothing was signed, so nothing can land twice. A transient refusal (throttling) waits at
                // least as long as the vault asked; a permanent one (no access, no key) needs an operator:
                // logged as an error and shown in health, and tried again at the longest backoff.
                failures++;
                _status.Failed(exception.Message);
                wait = exception.IsTransient ? Backoff(failures) : _options.MaxBackoff;
                if (exception.RetryAfter is { } retryAfter && retryAfter > wait)
                {
                    wait = retryAfter;
                }

                if (exception.IsTransient)
                {
                    LogRoundFailed(_logger, exception, failures, wait);
                }
                else
                {
                    LogSignerRefused(_logger, exception, _signer.Address);
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                failures++;
                _status.Failed(exception.Message);
                wait = Backoff(failures);
                LogRoundFailed(_logger, exception, failures, wait);
            }

            await WaitAsync(wait, stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task WaitAsync(TimeSpan wait, CancellationToken stoppingToken)
    {
        if (wait <= TimeSpan.Zero)
        {
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(wait);
        try
        {
            await _signal.Nudges.ReadAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // The poll interval passed without a nudge.
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private TimeSpan Backoff(int failures)
    {
        var seconds = Math.Min(_options.MaxBackoff.TotalSeconds, Math.Pow(2, Math.Min(failures, 10)) * 0.25);
        return TimeSpan.FromSeconds(seconds * (0.5 + (Random.Shared.NextDouble() / 2)));
    }

    // ---- Admission ----------------------------------------------------------------------------

    private async Task<bool> AdmitAsync(CancellationToken cancellationToken)
    {
        var batchSize = _options.AdmissionBatchSize;
        var entries = await _ledger.ListPendingEntriesAsync(batchSize + 1, cancellationToken).ConfigureAwait(false);
        _queued = entries;
        if (entries.Count == 0)
        {
            return false;
        }

        var now = _time.GetUtcNow();
        var done = new List<ChainIntentIndexEntry>();
        var candidates = new List<(ChainIntentIndexEntry Entry, ChainIntentRow Intent)>();
        foreach (var entry in entries.Take(batchSize))
        {
            var intent = await _ledger.ReadIntentAsync(entry.SourcePartition, entry.IntentId, cancellationToken).ConfigureAwait(false);
            if (intent is null)
            {
                if (entry.CreatedAt < now - _options.CommitGrace)
                {
                    LogOrphanDiscarded(_logger, entry.IntentId, entry.SourcePartition);
                    done.Add(entry);
                }

                continue;
            }

            if (intent.Outcome is not null)
            {
                done.Add(entry);
                continue;
            }

            candidates.Add((entry, intent));
        }

        if (candidates.Count > 0)
        {
            var admittedAlready = await _ledger.AdmittedAsync(candidates.Select(c => c.Intent.IntentId), cancellationToken).ConfigureAwait(false);
            done.AddRange(candidates.Where(c => admittedAlready.Contains(c.Intent.IntentId)).Select(c => c.Entry));
            candidates.RemoveAll(c => admittedAlready.Contains(c.Intent.IntentId));
        }

        if (candidates.Count > 0)
        {
            done.AddRange(await AdmitCandidatesAsync(candidates, cancellationToken).ConfigureAwait(false));
        }

        await _ledger.DeleteEntriesAsync(done, cancellationToken).ConfigureAwait(false);
        _queued = entries.Except(done).ToList();
        return entries.Count > batchSize;
    }

    /// <summary>Estimates, then gives out nonces and signs; returns the entries that are done with (admitted, or settled at estimation).</summary>
    private async Task<IReadOnlyList<ChainIntentIndexEntry>> AdmitCandidatesAsync(List<(ChainIntentIndexEntry Entry, ChainIntentRow Intent)> candidates, CancellationToken cancellationToken)
    {
        var done = new List<ChainIntentIndexEntry>();
        var estimated = new List<(ChainIntentIndexEntry Entry, ChainIntentRow Intent, long Gas)>();
        foreach (var (entry, intent) in candidates)
        {
            var call = new CallInput(intent.Data, intent.To, new HexBigInteger(BigInteger.Parse(intent.Value, CultureInfo.InvariantCulture))) { From = _signer.Address };
            try
            {
                var gas = await _rpc.EstimateGasAsync(call, cancellationToken).ConfigureAwait(false);
                estimated.Add((entry, intent, (long)(gas * (100 + _feeOptions.GasHeadroomPercent) / 100)));
            }
            catch (RpcResponseException exception) when (RevertDataOf(exception) is { } data || IsRevertMessage(exception))
            {
                // The call fails on the current state: nothing is sent, the intent settles as reverted now.
                var revertData = RevertDataOf(exception);
                var error = ContractErrors.Describe(revertData) ?? exception.RpcError?.Message ?? exception.Message;
                LogRevertedAtEstimation(_logger, intent.IntentId, error);
                var outcome = new ChainIntentOutcome(intent.IntentId, intent.Kind, ChainIntentOutcomes.Reverted, intent.PartitionKey, null, null, null, error, revertData, _time.GetUtcNow());
                if (await SettleIntentAsync(intent.PartitionKey, intent.IntentId, outcome, cancellationToken).ConfigureAwait(false))
                {
                    done.Add(entry);
                }
            }
        }

        if (estimated.Count == 0)
        {
            return done;
        }

        var fees = await _fees.CurrentAsync(_rpc, cancellationToken).ConfigureAwait(false);
        for (var attempt = 0; attempt < 10 && estimated.Count > 0; attempt++)
        {
            var nonceRow = await _ledger.ReadNonceAsync(cancellationToken).ConfigureAwait(false);
            var mined = await _rpc.TransactionCountAsync(_signer.Address, pending: false, cancellationToken).ConfigureAwait(false);
            var next = nonceRow is null
                ? await _rpc.TransactionCountAsync(_signer.Address, pending: true, cancellationToken).ConfigureAwait(false)
                : ChainLedger.NextOf(nonceRow);
            if (next < mined)
            {
                // The account was used outside this ledger (or the chain was reset): never hand out a nonce already mined.
                LogNonceBehindChain(_logger, _signer.Address, next, mined);
                next = mined;
            }

            var now = _time.GetUtcNow();
            var rows = await Task.WhenAll(estimated.Select(async (c, i) =>
            {
                var nonce = next + i;
                var value = BigInteger.Parse(c.Intent.Value, CultureInfo.InvariantCulture);
                var signed = await TransactionSigning.SignAsync(_signer, _chainId, nonce, fees, c.Gas, c.Intent.To, c.Intent.Data, value, cancellationToken).ConfigureAwait(false);
                return new ChainTransactionRow
                {
                    PartitionKey = _ledger.PartitionKey,
                    RowKey = ChainTransactionRow.ActiveKey(nonce),
                    Nonce = nonce,
                    IntentId = c.Intent.IntentId,
                    Kind = c.Intent.Kind,
                    SourcePartition = c.Intent.PartitionKey,
                    To = c.Intent.To,
                    Data = c.Intent.Data,
                    Value = c.Intent.Value,
                    GasLimit = c.Gas,
                    TransactionType = fees.TransactionType,
                    MaxFeePerGas = fees.MaxFeePerGas.ToString(CultureInfo.InvariantCulture),
                    MaxPriorityFeePerGas = fees.MaxPriorityFeePerGas.ToString(CultureInfo.InvariantCulture),
                    Raw = signed.Raw,
                    Hashes = signed.Hash,
                    Status = ChainTransactionStates.AwaitingBroadcast,
                    CreatedAt = c.Intent.CreatedAt,
                    SignedAt = now,
                };
            })).ConfigureAwait(false);

            switch (await _ledger.AdmitAsync(nonceRow, next + rows.Length, rows, cancellationToken).ConfigureAwait(false))
            {
                case AdmissionResult.Admitted:
                    LogAdmitted(_logger, rows.Length, next, next + rows.Length - 1);
                    done.AddRange(estimated.Select(c => c.Entry));
                    return done;
                case AdmissionResult.AlreadyAdmitted:
                    var admitted = await _ledger.AdmittedAsync(estimated.Select(c => c.Intent.IntentId), cancellationToken).ConfigureAwait(false);
                    done.AddRange(estimated.Where(c => admitted.Contains(c.Intent.IntentId)).Select(c => c.Entry));
                    estimated.RemoveAll(c => admitted.Contains(c.Intent.IntentId));
                    break;
                default:
                    // Another instance gave out nonces since the read: read the nonce row again and re-sign.
                    break;
            }
        }

        return done;
    }

    // ---- Broadcast, track, settle ---------------------------------------------------------------

    private async Task ProgressAsync(CancellationToken cancellationToken)
    {
        var rows = await _ledger.ListActiveAsync(cancellationToken).ConfigureAwait(false);
        var queued = _queued;
        _status.Observe(rows.Count + queued.Count, rows.Select(r => (DateTimeOffset?)r.CreatedAt).Concat(queued.Select(q => (DateTimeOffset?)q.CreatedAt)).Min());
        if (rows.Count == 0)
        {
            return;
        }

        var head = await _rpc.BlockNumberAsync(cancellationToken).ConfigureAwait(false);
        var mined = await _rpc.TransactionCountAsync(_signer.Address, pending: false, cancellationToken).ConfigureAwait(false);

        // Nonces not yet mined, in nonce order: send what was never sent, watch what is pending. A later
        // nonce cannot mine before an earlier one, so a send that cannot reach the node ends this pass.
        foreach (var row in rows.Where(r => r.Nonce >= mined && r.Status is ChainTransactionStates.AwaitingBroadcast or ChainTransactionStates.Broadcast))
        {
            if (row.Status == ChainTransactionStates.Broadcast)
            {
                await WatchPendingAsync(row, cancellationToken).ConfigureAwait(false);
            }
            else if (!await BroadcastAsync(row, cancellationToken).ConfigureAwait(false))
            {
                break;
            }
        }

        // Mined nonces (also those whose broadcast answer was lost: they are looked up, never sent again)
        // and included ones, independent of each other: find receipts, check they are still canonical,
        // and settle those with enough confirmations.
        var settled = rows.Where(r => r.Status == ChainTransactionStates.Included || (r.Nonce < mined && r.Status is ChainTransactionStates.AwaitingBroadcast or ChainTransactionStates.Broadcast));
        await Parallel.ForEachAsync(
            settled,
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (row, ct) =>
            {
                var fresh = false;
                if (row.Status != ChainTransactionStates.Included)
                {
                    row.Status = ChainTransactionStates.Broadcast;
                    await FindReceiptAsync(row, ct).ConfigureAwait(false);
                    fresh = row.Status == ChainTransactionStates.Included;
                }

                // A receipt read just now is canonical; an older one is checked again before it counts.
                if (row.Status == ChainTransactionStates.Included
                    && (long)head - row.IncludedBlock!.Value + 1 >= _options.Confirmations
                    && (fresh || await StillIncludedAsync(row, ct).ConfigureAwait(false)))
                {
                    await SettleAsync(row, ct).ConfigureAwait(false);
                }
                else if (row.Status == ChainTransactionStates.Included && !fresh)
                {
                    await StillIncludedAsync(row, ct).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
    }

    /// <summary>Sends the stored transaction; false when the node could not be reached (try again later).</summary>
    private async Task<bool> BroadcastAsync(ChainTransactionRow row, CancellationToken cancellationToken)
    {
        string? answer = null;
        try
        {
            await _rpc.SendRawAsync(row.Raw, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcResponseException exception) when (IsAlreadyKnown(exception) || IsNonceTooLow(exception))
        {
            // The node has it already, or the nonce is mined (by this transaction, or an earlier one of this
            // nonce): tracking finds out which from the receipts.
            answer = exception.Message;
        }
        catch (RpcResponseException exception)
        {
            // The node refused it (for example insufficient funds for gas): keep it stored and try again
            // later; signing anything else for this nonce could make two transactions land.
            row.LastError = exception.Message;
            row.Attempts++;
            await _ledger.TryUpdateAsync(row, cancellationToken).ConfigureAwait(false);
            LogBroadcastRefused(_logger, row.IntentId, row.Nonce, exception.Message);
            return false;
        }
        catch (Exception exception) when (ChainRpc.IsTransient(exception))
        {
            // The outcome is unknown: the node may have it. The stored bytes are sent again later.
            row.LastError = exception.Message;
            await _ledger.TryUpdateAsync(row, cancellationToken).ConfigureAwait(false);
            throw;
        }

        var now = _time.GetUtcNow();
        row.Status = ChainTransactionStates.Broadcast;
        row.Attempts++;
        row.BroadcastAt = now;
        row.CheckedAt = now;
        row.LastError = answer;
        await _ledger.TryUpdateAsync(row, cancellationToken).ConfigureAwait(false);
        LogBroadcast(_logger, row.IntentId, row.Nonce, row.LatestHash);
        return true;
    }

    /// <summary>The nonce is mined: find which of its hashes it was.</summary>
    private async Task FindReceiptAsync(ChainTransactionRow row, CancellationToken cancellationToken)
    {
        foreach (var hash in row.HashList.Reverse())
        {
            var receipt = await _rpc.ReceiptAsync(hash, cancellationToken).ConfigureAwait(false);
            if (receipt is null)
            {
                continue;
            }

            row.Status = ChainTransactionStates.Included;
            row.IncludedHash = receipt.TransactionHash;
            row.IncludedBlock = (long)receipt.BlockNumber.Value;
            row.IncludedBlockHash = receipt.BlockHash;
            row.ReceiptStatus = (int)(receipt.Status?.Value ?? BigInteger.Zero);
            row.GasUsed = (long)(receipt.GasUsed?.Value ?? BigInteger.Zero);
            row.LastError = null;
            if (!await _ledger.TryUpdateAsync(row, cancellationToken).ConfigureAwait(false))
            {
                row.Status = ChainTransactionStates.Broadcast;
            }

            return;
        }

        // The account's count passed this nonce, but none of its transactions has a receipt: either the node
        // has not indexed it yet, or something outside this ledger used the nonce. Say so; an operator decides.
        row.LastError = $"nonce {row.Nonce} is mined but no receipt exists for {row.Hashes}";
        LogNonceUsedElsewhere(_logger, row.IntentId, row.Nonce, row.Hashes);
        await _ledger.TryUpdateAsync(row, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A pending transaction: replace it past the deadline, re-broadcast it when the node forgot it.</summary>
    private async Task WatchPendingAsync(ChainTransactionRow row, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (now - row.SignedAt >= _options.ReplaceAfter)
        {
            await ReplaceAsync(row, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (row.CheckedAt is { } checkedAt && now - checkedAt < _options.RebroadcastAfter)
        {
            return;
        }

        if (!await _rpc.IsKnownAsync(row.LatestHash, cancellationToken).ConfigureAwait(false))
        {
            LogRebroadcast(_logger, row.IntentId, row.Nonce, row.LatestHash);
            row.Status = ChainTransactionStates.AwaitingBroadcast;
            if (await _ledger.TryUpdateAsync(row, cancellationToken).ConfigureAwait(false))
            {
                await BroadcastAsync(row, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        row.CheckedAt = now;
        await _ledger.TryUpdateAsync(row, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Signs the same call with the same nonce at higher fees and stores it (with every earlier hash) before
    /// broadcasting it. Whichever of the nonce's transactions mines, the others can no longer.
    /// </summary>
    private async Task ReplaceAsync(ChainTransactionRow row, CancellationToken cancellationToken)
    {
        var previous = new ChainFees(row.TransactionType, BigInteger.Parse(row.MaxFeePerGas, CultureInfo.InvariantCulture), BigInteger.Parse(row.MaxPriorityFeePerGas, CultureInfo.InvariantCulture));
        var current = await _fees.CurrentAsync(_rpc, cancellationToken).ConfigureAwait(false);
        var raised = _fees.Replacement(previous, current);
        var now = _time.GetUtcNow();
        if (raised is null)
        {
            row.LastError = $"stuck since {row.SignedAt:O}, and the fee cap ({_feeOptions.MaxFeePerGasWei} wei) leaves no room for a replacement";
            row.SignedAt = now;
            await _ledger.TryUpdateAsync(row, cancellationToken).ConfigureAwait(false);
            LogReplacementCapped(_logger, row.IntentId, row.Nonce, _feeOptions.MaxFeePerGasWei);
            return;
        }

        var signed = await TransactionSigning.SignAsync(
            _signer, _chainId, row.Nonce, raised, row.GasLimit, row.To, row.Data, BigInteger.Parse(row.Value, CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
        row.Raw = signed.Raw;
        row.Hashes = row.Hashes + "," + signed.Hash;
        row.MaxFeePerGas = raised.MaxFeePerGas.ToString(CultureInfo.InvariantCulture);
        row.MaxPriorityFeePerGas = raised.MaxPriorityFeePerGas.ToString(CultureInfo.InvariantCulture);
        row.Replacements++;
        row.SignedAt = now;
        row.Status = ChainTransactionStates.AwaitingBroadcast;
        if (!await _ledger.TryUpdateAsync(row, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        LogReplaced(_logger, row.IntentId, row.Nonce, signed.Hash, raised.MaxFeePerGas);
        await BroadcastAsync(row, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether the included transaction's block is still canonical; if not, the row goes back to tracking.</summary>
    private async Task<bool> StillIncludedAsync(ChainTransactionRow row, CancellationToken cancellationToken)
    {
        var receipt = await _rpc.ReceiptAsync(row.IncludedHash!, cancellationToken).ConfigureAwait(false);
        if (receipt is not null && string.Equals(receipt.BlockHash, row.IncludedBlockHash, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        LogReorged(_logger, row.IntentId, row.Nonce, row.IncludedBlock ?? 0, row.IncludedBlockHash ?? string.Empty);
        if (receipt is not null)
        {
            // Re-included in another block: track that one.
            row.IncludedBlock = (long)receipt.BlockNumber.Value;
            row.IncludedBlockHash = receipt.BlockHash;
            row.ReceiptStatus = (int)(receipt.Status?.Value ?? BigInteger.Zero);
        }
        else
        {
            row.Status = ChainTransactionStates.Broadcast;
            row.IncludedHash = null;
            row.IncludedBlock = null;
            row.IncludedBlockHash = null;
            row.ReceiptStatus = null;
            row.CheckedAt = null;
        }

        await _ledger.TryUpdateAsync(row, cancellationToken).ConfigureAwait(false);
        return false;
    }

    private async Task SettleAsync(ChainTransactionRow row, CancellationToken cancellationToken)
    {
        string? error = null;
        string? errorData = null;
        var outcome = row.ReceiptStatus == 1 ? ChainIntentOutcomes.Mined : ChainIntentOutcomes.Reverted;
        if (outcome == ChainIntentOutcomes.Reverted)
        {
            (error, errorData) = await ExplainRevertAsync(row, cancellationToken).ConfigureAwait(false);
        }

        var now = _time.GetUtcNow();
        var result = new ChainIntentOutcome(row.IntentId, row.Kind, outcome, row.SourcePartition, row.IncludedHash, row.IncludedBlock, row.Nonce, error, errorData, now);
        if (!await SettleIntentAsync(row.SourcePartition, row.IntentId, result, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        row.Status = ChainTransactionStates.Settled;
        row.Outcome = outcome;
        row.Error = error;
        row.ErrorData = errorData;
        row.SettledAt = now;
        row.LastError = null;
        if (await _ledger.TryMoveToSettledAsync(row, cancellationToken).ConfigureAwait(false))
        {
            LogSettled(_logger, row.IntentId, outcome, row.Nonce, row.IncludedHash ?? string.Empty);
        }
    }

    /// <summary>
    /// Writes the outcome into the intent row, with the settled event and the domain's handlers, in one
    /// transaction of the intent's partition. True when the intent is settled (now or before).
    /// </summary>
    private async Task<bool> SettleIntentAsync(string partition, string intentId, ChainIntentOutcome outcome, CancellationToken cancellationToken)
    {
        var intent = await _intents.FindAsync(partition, ChainIntentRow.RowKeyOf(intentId), cancellationToken).ConfigureAwait(false);
        if (intent is null)
        {
            LogIntentMissing(_logger, intentId, partition);
            return true;
        }

        if (intent.Outcome is not null)
        {
            return true;
        }

        intent.Outcome = outcome.Outcome;
        intent.TransactionHash = outcome.TransactionHash;
        intent.BlockNumber = outcome.BlockNumber;
        intent.Nonce = outcome.Nonce;
        intent.Error = outcome.Error;
        intent.ErrorData = outcome.ErrorData;
        intent.SettledAt = outcome.SettledAt;
        var batch = await _intents.BatchAsync(partition, cancellationToken).ConfigureAwait(false);
        batch.Update(intent);
        _publisher?.Publish(batch, outcome, _chainId, _signer.Address, intent.To);
        foreach (var handler in _handlers.Where(h => h.HandlesKind(outcome.Kind)))
        {
            await handler.OnSettledAsync(outcome, batch, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await batch.CommitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConcurrencyConflictException)
        {
            // Another instance settled it (or the domain's state moved): the next round reads it again.
            return false;
        }
    }

    /// <summary>Replays a mined, failed transaction as a call on the state before its block, to learn the error.</summary>
    private async Task<(string? Error, string? Data)> ExplainRevertAsync(ChainTransactionRow row, CancellationToken cancellationToken)
    {
        var before = new BlockParameter(new HexBigInteger(Math.Max(0, (row.IncludedBlock ?? 1) - 1)));
        var call = new CallInput(row.Data, row.To, new HexBigInteger(BigInteger.Parse(row.Value, CultureInfo.InvariantCulture)))
        {
            From = _signer.Address,
            Gas = new HexBigInteger(row.GasLimit),
        };
        try
        {
            await _rpc.CallAsync(call, before, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcResponseException exception)
        {
            var data = RevertDataOf(exception);
            return (ContractErrors.Describe(data) ?? exception.RpcError?.Message, data);
        }

        return ("reverted on chain (the replay on the previous block succeeded, so the cause was earlier in the same block, or out of gas)", null);
    }

    private async Task PruneAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (now < _nextPrune)
        {
            return;
        }

        _nextPrune = now + TimeSpan.FromMinutes(1);
        await _ledger.PruneAsync(now - _options.SettledRetention, cancellationToken).ConfigureAwait(false);
    }

    private static string TableNameOf(TableStores stores, string fullName)
    {
        var prefix = stores.FullName(string.Empty);
        return fullName.StartsWith(prefix, StringComparison.Ordinal) ? fullName[prefix.Length..] : fullName;
    }

    private static string? RevertDataOf(RpcResponseException exception) => ChainClientErrors.RevertDataOf(exception.RpcError?.Data);

    private static bool IsRevertMessage(RpcResponseException exception) =>
        exception.RpcError?.Message?.Contains("revert", StringComparison.OrdinalIgnoreCase) ?? false;

    private static bool IsAlreadyKnown(RpcResponseException exception) =>
        exception.Message.Contains("already known", StringComparison.OrdinalIgnoreCase)
        || exception.Message.Contains("already imported", StringComparison.OrdinalIgnoreCase)
        || exception.Message.Contains("known transaction", StringComparison.OrdinalIgnoreCase);

    private static bool IsNonceTooLow(RpcResponseException exception) =>
        exception.Message.Contains("nonce too low", StringComparison.OrdinalIgnoreCase)
        || exception.Message.Contains("nonce has already been used", StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A chain intent round failed ({Failures} in a row); next try in {Wait}")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception, int failures, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Error, Message = "The signer of {Address} refuses to sign (an operator must act: access, key, key type); chain intents wait")]
    private static partial void LogSignerRefused(ILogger logger, Exception exception, string address);

    [LoggerMessage(Level = LogLevel.Information, Message = "Discarded the index entry of intent {IntentId} in {Partition}: its commit never happened")]
    private static partial void LogOrphanDiscarded(ILogger logger, string intentId, string partition);

    [LoggerMessage(Level = LogLevel.Information, Message = "Intent {IntentId} reverts at estimation ({Error}); nothing was sent")]
    private static partial void LogRevertedAtEstimation(ILogger logger, string intentId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The ledger of {Address} would hand out nonce {Next}, but {Mined} are mined: continuing from the chain's count")]
    private static partial void LogNonceBehindChain(ILogger logger, string address, long next, long mined);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Admitted {Count} intents with nonces {First}..{Last}")]
    private static partial void LogAdmitted(ILogger logger, int count, long first, long last);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Broadcast intent {IntentId} (nonce {Nonce}) as {Hash}")]
    private static partial void LogBroadcast(ILogger logger, string intentId, long nonce, string hash);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The node refused intent {IntentId} (nonce {Nonce}): {Reason}; kept, to be sent again")]
    private static partial void LogBroadcastRefused(ILogger logger, string intentId, long nonce, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Intent {IntentId}: nonce {Nonce} is mined but none of {Hashes} has a receipt")]
    private static partial void LogNonceUsedElsewhere(ILogger logger, string intentId, long nonce, string hashes);

    [LoggerMessage(Level = LogLevel.Information, Message = "The node no longer knows intent {IntentId}'s transaction {Hash} (nonce {Nonce}); broadcasting it again")]
    private static partial void LogRebroadcast(ILogger logger, string intentId, long nonce, string hash);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Intent {IntentId} (nonce {Nonce}) is stuck and the fee cap {Cap} wei leaves no room for a replacement")]
    private static partial void LogReplacementCapped(ILogger logger, string intentId, long nonce, ulong cap);

    [LoggerMessage(Level = LogLevel.Information, Message = "Replaced intent {IntentId}'s stuck transaction (nonce {Nonce}) with {Hash} at max fee {MaxFee} wei")]
    private static partial void LogReplaced(ILogger logger, string intentId, long nonce, string hash, BigInteger maxFee);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Intent {IntentId} (nonce {Nonce}): block {Block} ({BlockHash}) left the canonical chain; tracking again")]
    private static partial void LogReorged(ILogger logger, string intentId, long nonce, long block, string blockHash);

    [LoggerMessage(Level = LogLevel.Information, Message = "Intent {IntentId} settled {Outcome} (nonce {Nonce}, {Hash})")]
    private static partial void LogSettled(ILogger logger, string intentId, string outcome, long nonce, string hash);

    [LoggerMessage(Level = LogLevel.Error, Message = "The ledger names intent {IntentId} in {Partition}, but its row is gone")]
    private static partial void LogIntentMissing(ILogger logger, string intentId, string partition);
}
