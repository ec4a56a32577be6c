using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using MLGov.Bench.Trust;

// VC-JWT verifications per second per algorithm beside the bare signature verification, on one core. Usage:
//   dotnet run -c Release --project bench/MLGov.Bench.Trust [-- --short | --profile]
if (args.Contains("--profile"))
{
    Profile.Run(Console.Out);
    return 0;
}

var job = args.Contains("--short") ? Job.ShortRun : Job.Default;
var summary = BenchmarkRunner.Run<VcJwtVerificationBenchmark>(DefaultConfig.Instance.AddJob(job.WithId(args.Contains("--short") ? "short" : "default")));

Console.WriteLine();
Console.WriteLine("| algorithm | bare /s | bare, key from bytes /s | VC-JWT /s | VC-JWT / bare | VC-JWT / bare from bytes | known issuer /s | known issuer / bare |");
Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
foreach (var group in summary.Reports.GroupBy(r => r.BenchmarkCase.Parameters["Algorithm"]!.ToString()))
{
    double Rate(string method) =>
        1e9 / group.Single(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method).ResultStatistics?.Mean ?? double.NaN;
    var bare = Rate(nameof(VcJwtVerificationBenchmark.BareSignature));
    var fromBytes = Rate(nameof(VcJwtVerificationBenchmark.BareSignatureKeyFromBytes));
    var vc = Rate(nameof(VcJwtVerificationBenchmark.VcJwt));
    var known = Rate(nameof(VcJwtVerificationBenchmark.VcJwtKnownIssuer));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {group.Key} | {bare:N0} | {fromBytes:N0} | {vc:N0} | {vc / bare:P0} | {vc / fromBytes:P0} | {known:N0} | {known / bare:P0} |"));
}

return 0;
