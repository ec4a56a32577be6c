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
    private static MLGov.Trust.Keys.PublicKey KeyOf(string did) => DidKey.TryParse(did, out var key, out _) ? key! : throw new InvalidOperationException();

    public static void Run(TextWriter output)
    {
        foreach (var algorithm in Enum.GetValues<MLGov.Trust.Keys.KeyType>())
        {
            var bench = new VcJwtVerificationBenchmark { Algorithm = algorithm };
            bench.Setup();
            var token = bench.Token;
            var kid = CompactJws.TryParse(token, out _)!.Kid!;
            var did = kid[..kid.IndexOf('#', StringComparison.Ordinal)];
            var resolution = DidKeyResolver.Resolve(did);
            var steps = new (string Name, Action Step)[]
            {
                ("bare signature", () => bench.BareSignature()),
                ("parse JWS", () => _ = CompactJws.TryParse(token, out _)),
                ("did:key parse", () => _ = DidKey.TryParse(did, out _, out _)),
                ("did:key resolve", () => DidKeyResolver.Resolve(did)),
                ("did:key document", () => DidKey.Document(resolution.DidDocument is null ? throw new InvalidOperationException() : KeyOf(did))),
                ("find method", () => DidDocuments.FindMethod(resolution, kid, VerificationRelationships.AssertionMethod, out _, out _)),
                ("VC-JWT verify", () => bench.VcJwt()),
                ("known issuer", () => bench.VcJwtKnownIssuer()),
            };
            foreach (var (name, step) in steps)
            {
                for (var i = 0; i < 50; i++)
                {
                    step();
                }

                // Processor time of the process, not wall time: on a shared machine the wall clock also counts the time
                // other processes hold the core, and this loop runs on one thread.
                const int n = 400;
                var process = Process.GetCurrentProcess();
                var before = process.TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                for (var i = 0; i < n; i++)
                {
                    step();
                }

                process.Refresh();
                var cpu = (process.TotalProcessorTime - before).TotalMicroseconds / n;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{algorithm,-10} {name,-16} {cpu,10:F1} µs cpu {watch.Elapsed.TotalMicroseconds / n,10:F1} µs wall"));
            }
        }
    }
}
