using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using MLGov.Core.Errors;
using MLGov.Core.Hashing;
using MLGov.Platform.Tables;

namespace MLGov.Voting.Votes;

/// <summary>
/// Votes, spread over <see cref="Shards"/> partitions per proposal (<c>votes:{proposal}:{shard}</c>, the shard from the
/// voter's address hash) so that a popular proposal is not one hot partition; one row per voter. The tally reads the
/// shards back in one pass.
/// <list type="bullet">
/// <item>Votes that may not change: the first write of a voter wins (the row is added; a second, different vote is a
/// 409; the same vote again is accepted as the one recorded, so retries are safe).</item>
/// <item>Votes that may change: the latest signed time wins (same second: the greater vote id), replaced under the row's
/// ETag; an older vote than the recorded one is a 409.</item>
/// </list>
/// </summary>
public sealed class VoteStore
{
    public const int Shards = 16;
    private const string PartitionPrefix = "votes:";
    private const int MaxAttempts = 10;
    private readonly RecordStore<VoteRecord> _votes;

    public VoteStore(TableStores stores)
    {
        ArgumentNullException.ThrowIfNull(stores);
        _votes = stores.Records<VoteRecord>(VotingApp.Name);
    }

    public static int ShardOf(string voter) => Keccak256.Compute(Encoding.ASCII.GetBytes(voter.ToLowerInvariant()))[0] % Shards;

    public static string PartitionOf(string proposalId, int shard) =>
        PartitionPrefix + proposalId.ToLowerInvariant() + ":" + shard.ToString("x2", CultureInfo.InvariantCulture);

    public static string RowOf(string voter) => "voter:" + voter.ToLowerInvariant();

    /// <summary>Records a vote; returns the vote that stands for the voter and whether this call changed anything.</summary>
    public async Task<(VoteRecord Vote, bool Changed)> CastAsync(VoteRecord vote, bool votesMayChange, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vote);
        var partition = PartitionOf(vote.ProposalId, ShardOf(vote.Voter));
        var row = RowOf(vote.Voter);
        for (var attempt = 1; ; attempt++)
        {
            var existing = await _votes.FindAsync(partition, row, cancellationToken).ConfigureAwait(false);
            if (existing is not null)
            {
                if (existing.Value.VoteId == vote.VoteId)
                {
                    return (existing.Value, false);
                }

                if (!votesMayChange)
                {
                    throw new ConflictException($"{vote.Voter} has voted on this proposal already, and its votes may not be changed.");
                }

                if (!Supersedes(vote, existing.Value))
                {
                    throw new ConflictException($"A vote of {vote.Voter} signed later (at {existing.Value.SignedAt}) is recorded already; the latest signed vote counts.");
                }
            }

            var batch = await _votes.BatchAsync(partition, cancellationToken).ConfigureAwait(false);
            if (existing is null)
            {
                batch.Add(row, vote);
            }
            else
            {
                batch.Update(existing, vote);
            }

            try
            {
                await batch.CommitAsync(cancellationToken).ConfigureAwait(false);
                return (vote, true);
            }
            catch (ConflictException) when (attempt < MaxAttempts)
            {
                // Another vote of the same voter was written meanwhile: decide again against it.
            }
        }
    }

    /// <summary>Whether <paramref name="candidate"/> replaces <paramref name="recorded"/> when votes may change: a later signed time, or the same time and a greater id.</summary>
    public static bool Supersedes(VoteRecord candidate, VoteRecord recorded)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(recorded);
        return candidate.SignedAt != recorded.SignedAt
            ? candidate.SignedAt > recorded.SignedAt
            : string.CompareOrdinal(candidate.VoteId.ToLowerInvariant(), recorded.VoteId.ToLowerInvariant()) > 0;
    }

    public async Task<VoteRecord?> FindAsync(string proposalId, string voter, CancellationToken cancellationToken) =>
        (await _votes.FindAsync(PartitionOf(proposalId, ShardOf(voter)), RowOf(voter), cancellationToken).ConfigureAwait(false))?.Value;

    /// <summary>Every vote of a proposal: the shards read in parallel, in one pass each.</summary>
    public async Task<IReadOnlyList<VoteRecord>> AllAsync(string proposalId, CancellationToken cancellationToken)
    {
        var shards = await Task.WhenAll(Enumerable.Range(0, Shards).Select(async shard =>
        {
            var votes = new List<VoteRecord>();
            await foreach (var stored in _votes.QueryAsync(Exactly(PartitionOf(proposalId, shard)), cancellationToken).ConfigureAwait(false))
            {
                votes.Add(stored.Value);
            }

            return votes;
        })).ConfigureAwait(false);
        return [.. shards.SelectMany(v => v)];
    }

    /// <summary>A page of a proposal's votes in key order (shard by shard), for the export.</summary>
    public Task<Page<StoredRecord<VoteRecord>>> PageAsync(string proposalId, PageRequest page, CancellationToken cancellationToken) =>
        _votes.PageAsync(TableFilters.PartitionStartsWith(PartitionPrefix + proposalId.ToLowerInvariant() + ":"), page, cancellationToken);

    private static string Exactly(string partition) => Azure.Data.Tables.TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
}
