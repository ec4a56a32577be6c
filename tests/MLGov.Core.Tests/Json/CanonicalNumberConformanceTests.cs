using System.Diagnostics;
using System.Globalization;
using MLGov.Core.Json;

namespace MLGov.Core.Tests.Json;

/// <summary>
/// RFC 8785 numbers must read exactly as ECMAScript's Number-to-String writes them. Node's String()
/// is that algorithm, so random doubles of every magnitude are compared against it.
/// </summary>
public sealed class CanonicalNumberConformanceTests
{
    [Fact]
    public async Task Random_doubles_format_exactly_as_ecmascript_does()
    {
        var random = new Random(20261126);
        var values = new List<double>();
        while (values.Count < 5000)
        {
            var bits = (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63);
            var value = BitConverter.UInt64BitsToDouble(bits);
            if (double.IsFinite(value))
            {
                values.Add(value);
            }
        }

        // Decimal fractions and integers near the formatting thresholds, where mistakes hide.
        values.AddRange(Enumerable.Range(-30, 61).SelectMany(e => new[] { Math.Pow(10, e), 1.5 * Math.Pow(10, e), -7.25 * Math.Pow(10, e) }));
        values.AddRange([0.1, 0.2, 0.30000000000000004, 123456789012345680000.0, 1e21, 9.999999999999999e20, 1e-7, 9.99e-7, double.Epsilon, double.MaxValue]);

        var expected = await FormatWithNodeAsync(values);

        for (var i = 0; i < values.Count; i++)
        {
            Assert.True(expected[i] == CanonicalJson.FormatNumber(values[i]),
                $"bits 0x{BitConverter.DoubleToUInt64Bits(values[i]):x16}: ECMAScript '{expected[i]}', ours '{CanonicalJson.FormatNumber(values[i])}'");
        }
    }

    private static async Task<string[]> FormatWithNodeAsync(List<double> values)
    {
        var info = new ProcessStartInfo("node") { RedirectStandardInput = true, RedirectStandardOutput = true, WorkingDirectory = Path.GetTempPath() };
        info.ArgumentList.Add("-e");
        info.ArgumentList.Add(
            "const lines = require('fs').readFileSync(0, 'utf8').trim().split('\\n');" +
            "const out = lines.map(h => String(new Float64Array(new BigUint64Array([BigInt('0x' + h)]).buffer)[0]));" +
            "process.stdout.write(out.join('\\n'));");
        using var node = Process.Start(info)!;
        await node.StandardInput.WriteAsync(string.Join('\n', values.Select(v => BitConverter.DoubleToUInt64Bits(v).ToString("x16", CultureInfo.InvariantCulture))));
        node.StandardInput.Close();
        var output = await node.StandardOutput.ReadToEndAsync();
        await node.WaitForExitAsync();
        Assert.Equal(0, node.ExitCode);
        return output.Split('\n').Select(s => s == "-0" ? "0" : s).ToArray();
    }
}
