using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using MLGov.LocalStack;

namespace MLGov.Bench.Pipeline;

/// <summary>
/// Starts the local stack as <c>mlgov up</c> does (its default settings), posts N breach incidents to
/// Risk from C concurrent clients, and waits until Finance has recorded a payout intent for every one
/// (the end of its "record payout intent" span, observed in process, so that waiting adds no load to
/// Azurite; the table is checked once at the end). Prints
/// acceptance rate, end-to-end events per second (first request to last intent), the p50/p99/max lag
/// from an incident's 201 to its intent's creation, and the Table requests per event the apps made.
/// </summary>
public static class PipelineBenchmark
{
    public static async Task RunAsync(int events, int clients, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        await using var stack = await LocalEnvironment.StartAsync(0, null, null, CancellationToken.None);
        var azuritePort = stack.Dependencies.Azurite.Port;
        using var tableRequests = new RequestCounter(azuritePort);
        using var http = new HttpClient { BaseAddress = stack.Host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Add("x-functions-key", stack.Keys.Host["default"]);
        var run = "b" + Guid.NewGuid().ToString("N")[..8];

        using var recorded = new PayoutSpans();
        await WarmUpAsync(http, run, stack);
        tableRequests.Reset();

        var accepted = new ConcurrentDictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var started = DateTimeOffset.UtcNow;
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < events)
            {
                var id = $"{run}-{i:D6}";
                using var response = await http.PostAsJsonAsync("api/risk/incidents", Incident(id));
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    throw new InvalidOperationException($"Incident {id} was answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                }

                accepted[id] = DateTimeOffset.UtcNow;
            }
        }));
        var allAccepted = DateTimeOffset.UtcNow;

        var handled = await recorded.WaitForAsync(accepted.Keys, TimeSpan.FromMinutes(5));
        var appRequests = tableRequests.Count;
        await WaitForIntentsAsync(stack, run, events, TimeSpan.FromMinutes(1)); // every intent is in Finance's table
        var last = handled.Values.Max();
        var lags = accepted.Select(a => (handled[a.Key] - a.Value).TotalMilliseconds).Order().ToArray();
        var seconds = (last - started).TotalSeconds;

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"events                 {events} from {clients} clients"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"accepted                {events / (allAccepted - started).TotalSeconds,8:F1} /s ({(allAccepted - started).TotalSeconds:F1} s)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"end to end              {events / seconds,8:F1} events/s ({seconds:F1} s until the last payout intent)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"lag p50 / p99 / max     {Percentile(lags, 0.50),8:F0} / {Percentile(lags, 0.99):F0} / {lags[^1]:F0} ms"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"table requests / event  {(double)appRequests / events,8:F1} (both apps, incl. sweeps; the benchmark's own polling excluded)"));
    }

    private static async Task WarmUpAsync(HttpClient http, string run, LocalEnvironment stack)
    {
        var id = run + "-warm";
        using var response = await http.PostAsJsonAsync("api/risk/incidents", Incident(id));
        response.EnsureSuccessStatusCode();
        await WaitForIntentsAsync(stack, id, 1, TimeSpan.FromMinutes(1));
    }

    /// <summary>Polls Finance's table (its own client, not counted) until an intent exists for every incident of the run.</summary>
    private static async Task<Dictionary<string, DateTimeOffset>> WaitForIntentsAsync(LocalEnvironment stack, string run, int expected, TimeSpan timeout)
    {
        PollingScope.Active = true;
        var table = new TableClient(stack.Dependencies.Azurite.ConnectionString, "finance");
        var from = "payouts:" + run;
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {from} and PartitionKey lt {from + "~"} and RowKey eq {"intent"}");
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var found = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
            try
            {
                await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["IncidentId", "CreatedAt"]))
                {
                    found[row.GetString("IncidentId")] = row.GetDateTimeOffset("CreatedAt")!.Value;
                }
            }
            catch (Azure.RequestFailedException exception) when (exception.Status == 404)
            {
                // Finance creates its table with its first intent.
            }

            if (found.Count >= expected)
            {
                return found;
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"Only {found.Count} of {expected} payout intents appeared within {timeout}.");
            }

            await Task.Delay(250);
        }
    }

    private static JsonObject Incident(string incidentId)
    {
        var end = DateTimeOffset.UtcNow.AddMinutes(-1);
        return new JsonObject
        {
            ["incidentId"] = incidentId,
            ["slaId"] = "sla-inference-99",
            ["providerDid"] = "did:key:z6MkProvider",
            ["beneficiaryDid"] = "did:pkh:eip155:1:0xab5801a7d398351b8be11c439e05c5b3259aec9b",
            ["objective"] = "availability",
            ["windowStart"] = end.AddHours(-1).ToString("O", CultureInfo.InvariantCulture),
            ["windowEnd"] = end.ToString("O", CultureInfo.InvariantCulture),
            ["compensationMinor"] = 1500,
            ["asset"] = "USDC",
        };
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>Counts HTTP requests this process made to one port (.NET's http.client.request.duration metric), minus the benchmark's own polling.</summary>
    private sealed class RequestCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly int _port;
        private long _count;

        public RequestCounter(int port)
        {
            _port = port;
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "System.Net.Http" && instrument.Name == "http.client.request.duration")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "server.port" && tag.Value is int p && p == _port && !PollingScope.Active)
                    {
                        Interlocked.Increment(ref _count);
                    }
                }
            });
            _listener.Start();
        }

        public long Count => Interlocked.Read(ref _count);

        public void Reset() => Interlocked.Exchange(ref _count, 0);

        public void Dispose() => _listener.Dispose();
    }
}
