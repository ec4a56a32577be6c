using System.Diagnostics;
using System.Globalization;
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
        output.WriteLine("Steps of one verification (processor time per call, the steps alternated in batches of 20):");
        foreach (var algorithm in Enum.GetValues<MLGov.Trust.Keys.KeyType>())
        {
            var bench = new VcJwtVerificationBenchmark { Algorithm = algorithm };
            bench.Setup();
            var token = bench.Token;
            var kid = CompactJws.TryParse(token, out _)!.Kid!;
            var did = kid[..kid.IndexOf('#', StringComparison.Ordinal)];
            var resolution = DidKeyResolver.Resolve(did);
            _ = DidKey.TryParse(did, out var key, out _);
            var steps = new (string Name, Action Step)[]
            {
                ("bare signature", () => bench.BareSignature()),
                ("parse JWS", () => _ = CompactJws.TryParse(token, out _)),
                ("did:key parse", () => _ = DidKey.TryParse(did, out _, out _)),
                ("did:key resolve", () => DidKeyResolver.Resolve(did)),
                ("did:key document", () => DidKey.Document(key!)),
                ("did:key from key", () => DidKey.From(key!)),
                ("key validation", () => MLGov.Trust.Keys.PublicKey.TryCreate(algorithm, key!.Bytes)),
                ("find method", () => DidDocuments.FindMethod(resolution, kid, VerificationRelationships.AssertionMethod, out _, out _)),
                ("VC-JWT verify", () => bench.VcJwt()),
                ("known issuer", () => bench.VcJwtKnownIssuer()),
            };
            // Warm every step first, so tiered compilation has finished before anything is timed.
            foreach (var (_, step) in steps)
            {
                for (var i = 0; i < 300; i++)
                {
                    step();
                }
            }

            var times = new double[steps.Length];
            for (var round = 0; round < 20; round++)
            {
                for (var i = 0; i < steps.Length; i++)
                {
                    times[i] += CpuMicroseconds(steps[i].Step, 20) / 20;
                }
            }

            for (var i = 0; i < steps.Length; i++)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {algorithm,-10} {steps[i].Name,-16} {times[i],10:F1} µs"));
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
            var totals = new double[cases.Length];
            for (var round = 0; round < 40; round++)
            {
                for (var c = 0; c < cases.Length; c++)
                {
                    totals[c] += CpuMicroseconds(cases[c], 25);
                }
            }

            var rates = totals.Select(t => 1e6 / (t / 40)).ToArray();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {algorithm} | {rates[0]:N0} | {rates[1]:N0} | {rates[2]:N0} | {rates[2] / rates[0]:P0} | {rates[2] / rates[1]:P0} | {rates[3]:N0} | {rates[3] / rates[0]:P0} |"));
        }
    }

    private static double CpuMicroseconds(Action step, int n)
    {
        for (var i = 0; i < Math.Min(n, 20); i++)
        {
            step();
        }

        // Processor time of the process, not wall time: the wall clock also counts the time other processes hold the core.
        var process = Process.GetCurrentProcess();
        var before = process.TotalProcessorTime;
        for (var i = 0; i < n; i++)
        {
            step();
        }

        process.Refresh();
        return (process.TotalProcessorTime - before).TotalMicroseconds / n;
    }
}
