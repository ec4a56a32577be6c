using System.Collections.Concurrent;
using System.Numerics;
using System.Text;
using MLGov.Core.Encoding;
using MLGov.Core.Hashing;
using MLGov.Core.Identifiers;
using MLGov.Trust.Ethereum;
using MLGov.Voting.Domain.Choices;
using MLGov.Voting.Domain.Tally;

namespace MLGov.Voting.Domain.Signing;

/// <summary>
/// Tallies EIP-712-signed votes, what anyone can redo from the export: each vote's digest is rebuilt from its message,
/// the signer recovered (high-s and bad v refused) and compared with the message's voter; a vote for another
/// proposal, with a malformed choice, by a voter without weight or with a bad signature is refused and reported, never
/// counted. The checks run on every core; the tally itself is <see cref="VoteTally"/>.
/// </summary>
public static class SignedVoteTally
{
    public static SignedTally Tally(TallySettings settings, IReadOnlyList<SignedVote> votes, IReadOnlyDictionary<string, BigInteger> weights)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(votes);
        ArgumentNullException.ThrowIfNull(weights);
        settings.Validate();
        var typedData = new VoteTypedData(settings.ChainId, settings.Finalizer);
        var cast = new CastVote?[votes.Count];
        var refused = new ConcurrentBag<VoteRefusal>();
        var proposal = settings.ProposalId;
        Parallel.ForEach(
            System.Collections.Concurrent.Partitioner.Create(0, votes.Count, Math.Max(1, Math.Min(4096, votes.Count / (4 * Environment.ProcessorCount) + 1))),
            range =>
            {
                Span<byte> voter = stackalloc byte[20];
                Span<byte> recovered = stackalloc byte[20];
                Span<byte> choiceHash = stackalloc byte[32];
                for (var i = range.Item1; i < range.Item2; i++)
                {
                    var problem = Check(typedData, settings, proposal.Span, votes[i], weights, voter, recovered, choiceHash, out var vote);
                    if (problem is null)
                    {
                        cast[i] = vote;
                    }
                    else
                    {
                        refused.Add(new VoteRefusal(i, votes[i]?.Message?.Voter ?? string.Empty, problem));
                    }
                }
            });

        var result = VoteTally.Tally(settings, cast.Where(v => v is not null)!);
        return new SignedTally(result, [.. refused.OrderBy(r => r.Index)]);
    }

    private static string? Check(
        VoteTypedData typedData, TallySettings settings, ReadOnlySpan<byte> proposal, SignedVote? signed, IReadOnlyDictionary<string, BigInteger> weights,
        Span<byte> voter, Span<byte> recovered, Span<byte> choiceHash, out CastVote? vote)
    {
        vote = null;
        var message = signed?.Message;
        if (message is null)
        {
            return "The vote has no message.";
        }

        if (!message.ProposalId.Span.SequenceEqual(proposal))
        {
            return "The vote is for another proposal.";
        }

        if (message.Timestamp > long.MaxValue)
        {
            return "The timestamp is not a time (above 2^63 − 1 seconds).";
        }

        if (!EvmAddress.IsValid(message.Voter))
        {
            return EvmAddress.Problem("The voter");
        }

        if (!ChoiceParser.TryParse(settings.Type, settings.EffectiveChoiceCount, message.Choice, out var choice, out var problems))
        {
            return string.Join(" ", problems);
        }

        if (!weights.TryGetValue(message.Voter, out var weight) || weight.Sign <= 0)
        {
            return "The voter has no voting weight for this proposal.";
        }

        Convert.FromHexString(message.Voter.AsSpan(2), voter, out _, out _);
        Keccak256.Instance.Hash(Encoding.UTF8.GetBytes(message.Choice), choiceHash);
        var digest = new byte[32];
        typedData.Digest(proposal, voter, choiceHash, message.Timestamp, digest);
        var signatureProblem = EthereumSignatures.TryRecoverAddress(digest, signed!.Signature.Span, recovered);
        if (signatureProblem != SignatureProblem.None)
        {
            return EthereumSignatures.Describe(signatureProblem);
        }

        if (!recovered.SequenceEqual(voter))
        {
            return $"The signature is by {Hex.Encode(recovered)}, not by the voter.";
        }

        choice!.KnowHash(choiceHash);
        vote = new CastVote(message.Voter, choice, weight, (long)message.Timestamp, digest);
        return null;
    }
}
