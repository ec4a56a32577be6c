using System.Text.Json;
using MLGov.Core.Encoding;
using MLGov.Core.Errors;
using MLGov.Platform.Http;
using MLGov.Platform.Tables;
using MLGov.Voting.Domain.Shielded;

namespace MLGov.Voting.Proposals;

/// <summary>A keyholder's share of a shielded proposal's key, handed in after the end: its index and value (0x hex, 32 bytes).</summary>
public sealed record ShareRequest(int Index, string Share);

/// <summary>A handed-in share as stored in the proposal's partition (row <c>share:{index}</c>).</summary>
public sealed record KeyShareRecord(int Index, string Value, string Did, DateTimeOffset SubmittedAt);

/// <summary>How far the key's rebuilding is: shares handed in, the threshold, and whether the key is rebuilt (published in the terms).</summary>
public sealed record ShareProgress(int Shares, int Threshold, bool Revealed);

/// <summary>
/// Takes keyholders' shares of shielded proposals after the end. A share is taken only from the keyholder it was dealt to
/// (a body signed by that DID) and only when it matches the key's commitments; once t distinct shares are in, the key is
/// rebuilt and published in the proposal's terms, and the closing timer can open and tally the ballots.
/// </summary>
public sealed class KeyholderShares
{
    private const int MaxAttempts = 10;
    private readonly ProposalStore _proposals;
    private readonly RecordStore<KeyShareRecord> _shares;
    private readonly TimeProvider _time;

    public KeyholderShares(ProposalStore proposals, TableStores stores, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(stores);
        _proposals = proposals;
        _shares = stores.Records<KeyShareRecord>(VotingApp.Name);
        _time = time;
    }

    public async Task<ShareProgress> SubmitAsync(string proposalId, ShareRequest request, string signer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var proposal = (await _proposals.GetAsync(proposalId, cancellationToken).ConfigureAwait(false)).Value;
        var shielded = proposal.ToTerms().Shielded ?? throw new ConflictException("This proposal is not shielded; it has no key to rebuild.");
        if (_time.GetUtcNow() < proposal.End)
        {
            throw new ConflictException($"Shares are handed in after the end of voting ({proposal.End:O}), so the key never exists while ballots come in.");
        }

        if (request.Index < 1 || request.Index > shielded.Shares.Count)
        {
            throw ValidationException.For("index", $"The index is 1 to {shielded.Shares.Count}.");
        }

        var dealtTo = shielded.Shares[request.Index - 1].Did;
        if (signer != dealtTo)
        {
            throw new ForbiddenException($"Share {request.Index} was dealt to {dealtTo}, not to {signer}.");
        }

        if (request.Share is not { Length: 66 } || !request.Share.StartsWith("0x", StringComparison.Ordinal) || !Hex.TryDecode(request.Share, out var value))
        {
            throw ValidationException.For("share", "The share is 32 bytes, 0x hex.");
        }

        var share = new KeyShare(request.Index, value);
        if (!ShieldedBallots.Matches(shielded, share))
        {
            throw ValidationException.For("share", "The share does not match the key's commitments.");
        }

        var partition = ProposalStore.PartitionOf(proposal.ProposalId);
        var row = "share:" + request.Index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (await _shares.FindAsync(partition, row, cancellationToken).ConfigureAwait(false) is null)
        {
            var batch = await _shares.BatchAsync(partition, cancellationToken).ConfigureAwait(false);
            batch.Add(row, new KeyShareRecord(request.Index, request.Share.ToLowerInvariant(), signer, _time.GetUtcNow()));
            try
            {
                await batch.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (AlreadyExistsException)
            {
                // handed in at the same moment by another request: the same share (it matches the commitments)
            }
        }

        return await RevealAsync(proposal.ProposalId, shielded.Threshold, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ShareProgress> RevealAsync(string proposalId, int threshold, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var stored = await _proposals.GetAsync(proposalId, cancellationToken).ConfigureAwait(false);
            var terms = stored.Value.ToTerms();
            var shares = new List<KeyShare>();
            await foreach (var record in _shares.QueryAsync(
                Azure.Data.Tables.TableClient.CreateQueryFilter($"PartitionKey eq {ProposalStore.PartitionOf(proposalId)} and RowKey ge {"share:"} and RowKey lt {"share;"}"),
                cancellationToken).ConfigureAwait(false))
            {
                shares.Add(new KeyShare(record.Value.Index, Hex.Decode(record.Value.Value)));
            }

            if (terms.Shielded!.RevealedKey is not null || shares.Count < threshold)
            {
                return new ShareProgress(shares.Count, threshold, terms.Shielded.RevealedKey is not null);
            }

            var key = ShieldedBallots.RebuildKey(terms.Shielded, shares);
            var revealed = terms with { Shielded = terms.Shielded with { RevealedKey = Base64Url.Encode(key) } };
            var batch = await _proposals.BatchAsync(proposalId, cancellationToken).ConfigureAwait(false);
            batch.Update(stored, stored.Value with { Terms = JsonSerializer.Serialize(revealed, ApiJson.Options) });
            try
            {
                await batch.CommitAsync(cancellationToken).ConfigureAwait(false);
                return new ShareProgress(shares.Count, threshold, true);
            }
            catch (ConflictException) when (attempt < MaxAttempts)
            {
                // the proposal changed meanwhile (closed, or revealed by another share): read it again
            }
        }
    }
}
