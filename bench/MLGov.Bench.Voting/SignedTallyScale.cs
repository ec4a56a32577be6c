using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using MLGov.Core.Hashing;
using MLGov.Trust.Ethereum;
using MLGov.Voting.Domain.Choices;
using MLGov.Voting.Domain.Signing;
using MLGov.Voting.Domain.Tally;

namespace MLGov.Bench.Voting;

/// <summary>
/// (a) The tally of N signed single-choice votes by N distinct wallets (digest rebuilt, signer recovered and compared,
/// choice parsed, one vote per voter, totals, Merkle root over the counted votes) beside bare libsecp256k1 recovery of
/// the same N signatures over the same digests, both on every core, alternated twice in one run; the best of each is
/// reported with their ratio, in wall time and in processor time (the process's own, so that other load on a shared
/// machine does not count: both phases keep every core busy, so the processor-time ratio is the work ratio).
/// </summary>
internal static class SignedTallyScale
{
    private const string Finalizer = "0x5fbdb2315678afecb367f032d93f642f64180aa3";

    public static void Run(int count, TextWriter output)
    {
        var proposal = Keccak256.Compute("bench proposal"u8);
        var settings = new TallySettings(proposal, 31337, Finalizer, VotingType.SingleChoice, 4, QuorumRule.None, 0, true);
        var typedData = new VoteTypedData(settings.ChainId, Finalizer);
        var clock = Stopwatch.StartNew();
        var votes = new SignedVote[count];
        var digests = new byte[count][];
        var weights = new Dictionary<string, BigInteger>(count, StringComparer.OrdinalIgnoreCase);
        var addresses = new string[count];
        Parallel.For(0, count, i =>
        {
            var key = Keccak256.Compute(BitConverter.GetBytes(i + 1));
            var address = EthereumSignatures.AddressOf(key);
            var message = new VoteMessage(proposal, address, ((i % 4) + 1).ToString(CultureInfo.InvariantCulture), 1_764_460_800 + (ulong)(i % 3600));
            digests[i] = typedData.Digest(message);
            votes[i] = new SignedVote(message, EthereumSignatures.Sign(digests[i], key));
            addresses[i] = address;
        });
        for (var i = 0; i < count; i++)
        {
            weights[addresses[i]] = 1 + (i % 100);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"(a) {count:N0} signed votes prepared in {clock.Elapsed.TotalSeconds:F1} s (not timed below)"));

        // Warm both paths (JIT, thread pool) on a small slice first.
        var warm = Math.Min(count, 2_000);
        Bare(digests, votes, warm);
        SignedVoteTally.Tally(settings, votes[..warm], weights);

        double bestBare = double.MaxValue, bestTally = double.MaxValue, bestBareCpu = double.MaxValue, bestTallyCpu = double.MaxValue;
        using var process = Process.GetCurrentProcess();
        SignedTally? last = null;
        for (var round = 1; round <= 2; round++)
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            clock.Restart();
            var recovered = Bare(digests, votes, count);
            var bare = clock.Elapsed.TotalSeconds;
            process.Refresh();
            var bareCpu = (process.TotalProcessorTime - cpu).TotalSeconds;
            cpu = process.TotalProcessorTime;
            clock.Restart();
            last = SignedVoteTally.Tally(settings, votes, weights);
            var tally = clock.Elapsed.TotalSeconds;
            process.Refresh();
            var tallyCpu = (process.TotalProcessorTime - cpu).TotalSeconds;
            if (recovered != count || last.Refused.Count != 0 || last.Result.CountedVotes.Count != count)
            {
                throw new InvalidOperationException("Every vote should have been recovered and counted.");
            }

            bestBare = Math.Min(bestBare, bare);
            bestTally = Math.Min(bestTally, tally);
            bestBareCpu = Math.Min(bestBareCpu, bareCpu);
            bestTallyCpu = Math.Min(bestTallyCpu, tallyCpu);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    round {round}: bare recovery {bare:F2} s wall / {bareCpu:F2} s processor, tally {tally:F2} s wall / {tallyCpu:F2} s processor; tally / bare {tally / bare:F3} wall, {tallyCpu / bareCpu:F3} processor"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    best wall: bare recovery {bestBare:F2} s ({count / bestBare:N0}/s), signed tally {bestTally:F2} s ({count / bestTally:N0}/s), tally / bare {bestTally / bestBare:F3} (aim ≤ 1.25)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    best processor time: bare recovery {bestBareCpu:F2} s ({count / bestBareCpu:N0}/s per core), signed tally {bestTallyCpu:F2} s ({count / bestTallyCpu:N0}/s per core), tally / bare {bestTallyCpu / bestBareCpu:F3}"));
        // The per-type struct hash on one core: digest of every vote message (choice hash included).
        Span<byte> digest = stackalloc byte[32];
        Span<byte> voter = stackalloc byte[20];
        Span<byte> choiceHash = stackalloc byte[32];
        var sample = Math.Min(count, 200_000);
        clock.Restart();
        for (var i = 0; i < sample; i++)
        {
            var message = votes[i].Message;
            Convert.FromHexString(message.Voter.AsSpan(2), voter, out _, out _);
            Keccak256.Instance.Hash(System.Text.Encoding.UTF8.GetBytes(message.Choice), choiceHash);
            typedData.Digest(message.ProposalId.Span, voter, choiceHash, message.Timestamp, digest);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    EIP-712 vote digest (one core): {clock.Elapsed.TotalMicroseconds / sample:F2} µs per vote over {sample:N0}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    totals {string.Join(", ", last!.Result.Totals)}; votes root {MLGov.Core.Encoding.Hex.Encode(last.Result.VotesRoot!)}"));
    }

    /// <summary>Bare recovery: libsecp256k1 over the precomputed digests, every core; how many recovered.</summary>
    private static int Bare(byte[][] digests, SignedVote[] votes, int count)
    {
        var recovered = 0;
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, count, 4096), () => 0, (range, _, local) =>
        {
            Span<byte> address = stackalloc byte[20];
            for (var i = range.Item1; i < range.Item2; i++)
            {
                if (EthereumSignatures.TryRecoverAddress(digests[i], votes[i].Signature.Span, address) == SignatureProblem.None)
                {
                    local++;
                }
            }

            return local;
        }, local => Interlocked.Add(ref recovered, local));
        return recovered;
    }
}
