using System.Diagnostics;
using System.Globalization;
using MLGov.Trust.Credentials;
using MLGov.Trust.Dids;
using MLGov.Trust.Jose;

namespace MLGov.Bench.Trust;

/// <summary>
/// A rough split of one verification into its steps, timed with a stopwatch in the same process (<c>--profile</c>):
/// where the time goes when the VC-JWT rate falls short of the bare one.
/// </summary>
internal static class Profile
{
    public static void Run(TextWriter output)
    {
        output.WriteLine("Steps of one verification (processor time of the thread per call, median of 30 batches of 20, the steps alternated):");
        foreach (var algorithm in Enum.GetValues<MLGov.Trust.Keys.KeyType>())
        {
            var bench = new VcJwtVerificationBenchmark { Algorithm = algorithm };
            bench.Setup();
            var token = bench.Token;
            var kid = CompactJws.TryParse(token, out _)!.Kid!;
            var did = kid[..kid.IndexOf('#', StringComparison.Ordinal)];
            var resolution = DidKeyResolver.Resolve(did);
            _ = DidKey.TryParse(did, out var key, out _);
            var jws = CompactJws.TryParse(token, out _)!;
            _ = DidUrl.TryParseMethodReference(kid, out var reference, out _);
            var steps = new (string Name, Action Step)[]
            {
                ("bare signature", () => bench.BareSignature()),
                ("bare from bytes", () => bench.BareSignatureKeyFromBytes()),
                ("parse JWS", () => _ = CompactJws.TryParse(token, out _)),
                ("read payload", () => _ = CredentialReader.TryRead(jws, out _)),
                ("parse kid", () => _ = DidUrl.TryParseMethodReference(kid, out _, out _)),
                ("did:key parse", () => _ = DidKey.TryParse(did, out _, out _)),
                ("key validation", () => MLGov.Trust.Keys.PublicKey.TryCreate(algorithm, key!.Bytes)),
                ("did:key deref", () => DidKeyResolver.Dereference(reference!, VerificationRelationships.AssertionMethod, out _, out _, out _)),
                ("did:key resolve", () => DidKeyResolver.Resolve(did)),
                ("find method", () => DidDocuments.FindMethod(resolution, kid, VerificationRelationships.AssertionMethod, out _, out _)),
                ("JWS verify", () => JwsVerifier.Problem(jws, key!)),
                ("VC-JWT verify", () => bench.VcJwt()),
                ("known issuer", () => bench.VcJwtKnownIssuer()),
            };
            if (algorithm == MLGov.Trust.Keys.KeyType.Ed25519)
            {
                // The part of key validation that checks the prime-order subgroup (libsodium, one scalar multiplication).
                steps = [.. steps, ("subgroup check", () => MLGov.Trust.Keys.Sodium.IsValidEd25519Point(key!.Bytes))];
            }

            // Warm every step for a while, then let the runtime's background compiler finish its optimized code, so
            // nothing is timed before tiered compilation is done.
            for (var pass = 0; pass < 3; pass++)
            {
                foreach (var (_, step) in steps)
                {
                    for (var i = 0; i < 300; i++)
                    {
                        step();
                    }
                }

                Thread.Sleep(300);
            }

            var samples = steps.Select(_ => new List<double>()).ToArray();
            for (var round = 0; round < 30; round++)
            {
                for (var i = 0; i < steps.Length; i++)
                {
                    samples[i].Add(CpuMicroseconds(steps[i].Step, 20));
                }
            }

            var times = samples.Select(s => s.Order().ElementAt(s.Count / 2)).ToArray();

            for (var i = 0; i < steps.Length; i++)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {algorithm,-10} {steps[i].Name,-16} {times[i],10:F1} µs"));
            }

            if (algorithm == MLGov.Trust.Keys.KeyType.Ed25519)
            {
                // What the rate would be if did:key resolution did not check the prime-order subgroup (derived, not run).
                var vc = times[Array.FindIndex(steps, s => s.Name == "VC-JWT verify")];
                var bare = times[0];
                var subgroup = times[^1];
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {algorithm,-10} VC-JWT without the subgroup check (derived, not run): {bare / (vc - subgroup):P0} of bare"));
            }
        }

        // On a shared machine the load changes from second to second; alternating the cases in small batches exposes
        // them to the same load, so their ratio holds even when the absolute rates do not.
        output.WriteLine();
        output.WriteLine("| algorithm | bare /s | bare, key from bytes /s | VC-JWT /s | VC-JWT / bare | VC-JWT / bare from bytes | known issuer /s | known issuer / bare |");
        output.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var algorithm in Enum.GetValues<MLGov.Trust.Keys.KeyType>())
        {
            var bench = new VcJwtVerificationBenchmark { Algorithm = algorithm };
            bench.Setup();
            Action[] cases = [() => bench.BareSignature(), () => bench.BareSignatureKeyFromBytes(), () => bench.VcJwt(), () => bench.VcJwtKnownIssuer()];
            var samples = new List<double>[cases.Length];
            for (var c = 0; c < cases.Length; c++)
            {
                samples[c] = [];
            }

            for (var round = 0; round < 60; round++)
            {
                for (var c = 0; c < cases.Length; c++)
                {
                    samples[c].Add(CpuMicroseconds(cases[c], 25));
                }
            }

            // The median round: a round that another process's load (caches, memory bandwidth) slowed does not move it.
            var rates = samples.Select(s => 1e6 / s.Order().ElementAt(s.Count / 2)).ToArray();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {algorithm} | {rates[0]:N0} | {rates[1]:N0} | {rates[2]:N0} | {rates[2] / rates[0]:P0} | {rates[2] / rates[1]:P0} | {rates[3]:N0} | {rates[3] / rates[0]:P0} |"));
        }
    }

    private static double CpuMicroseconds(Action step, int n)
    {
        step();
        var before = ThreadCpu.Microseconds();
        for (var i = 0; i < n; i++)
        {
            step();
        }

        return (ThreadCpu.Microseconds() - before) / n;
    }
}
