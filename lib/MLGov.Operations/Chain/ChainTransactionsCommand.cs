using System.CommandLine;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using MLGov.Platform.Chain.Transactions;
using Spectre.Console;

namespace MLGov.Operations.Chain;

/// <summary>
/// mlgov chain txs: each app's chain writes (intent, nonce, status, attempts, hash, last error), read from
/// the apps' <c>GET /api/{app}/chain/transactions</c> with the function key of the running mlgov up
/// (or any deployment: --base-url and --key).
/// </summary>
public static class ChainTransactionsCommand
{
    public static readonly IReadOnlyList<string> Apps = ["identity", "registry", "voting", "finance", "risk"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <param name="console">Where the table goes.</param>
    /// <param name="stateDirectory">Where the running mlgov up keeps keys.json (the default function key).</param>
    public static Command Create(IAnsiConsole console, string stateDirectory)
    {
        var app = new Option<string?>("--app") { Description = "Only this app (identity, registry, voting, finance, risk)" };
        var status = new Option<string?>("--status") { Description = "pending (queued and in flight) or settled; both by default" };
        var baseUrl = new Option<string>("--base-url") { Description = "Where the apps answer", DefaultValueFactory = _ => "http://127.0.0.1:7071/" };
        var key = new Option<string?>("--key") { Description = "Function key (default: the host key of the running mlgov up, from keys.json)" };
        var limit = new Option<int>("--limit") { Description = "At most this many per app, 1 to 500", DefaultValueFactory = _ => 100 };
        var txs = new Command("txs", "List each app's chain intents: nonce, status, attempts, hash and last error") { app, status, baseUrl, key, limit };
        txs.SetAction((parse, cancellationToken) => RunAsync(
            console, stateDirectory, parse.GetValue(app), parse.GetValue(status), parse.GetValue(baseUrl)!, parse.GetValue(key), parse.GetValue(limit), cancellationToken));
        return new Command("chain", "The apps' chain writes") { txs };
    }

    private static async Task<int> RunAsync(
        IAnsiConsole console, string stateDirectory, string? app, string? status, string baseUrl, string? key, int limit, CancellationToken cancellationToken)
    {
        if (app is not null && !Apps.Contains(app, StringComparer.Ordinal))
        {
            return Fail(console, $"--app is one of {string.Join(", ", Apps)}, not '{app}'.");
        }

        if (status is not (null or "pending" or "settled"))
        {
            return Fail(console, $"--status is pending or settled, not '{status}'.");
        }

        if (limit is < 1 or > ChainTransactionListing.MaxLimit)
        {
            return Fail(console, $"--limit is 1 to {ChainTransactionListing.MaxLimit}.");
        }

        if (!Uri.TryCreate(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/", UriKind.Absolute, out var root))
        {
            return Fail(console, $"--base-url is not a URL: '{baseUrl}'.");
        }

        key ??= await LocalHostKeyAsync(stateDirectory, cancellationToken).ConfigureAwait(false);
        if (key is null)
        {
            return Fail(console, "No function key: start the stack with ./mlgov up (it writes .mlgov/local/keys.json) or give --key.");
        }

        using var http = new HttpClient { BaseAddress = root, Timeout = TimeSpan.FromSeconds(15) };
        http.DefaultRequestHeaders.Add("x-functions-key", key);
        var failed = false;
        foreach (var name in app is null ? Apps : [app])
        {
            var query = $"api/{name}/chain/transactions?limit={limit.ToString(CultureInfo.InvariantCulture)}" + (status is null ? string.Empty : "&status=" + status);
            try
            {
                using var response = await http.GetAsync(new Uri(query, UriKind.Relative), cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    console.MarkupLineInterpolated($"[red]{name}: HTTP {(int)response.StatusCode}[/] {await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}");
                    failed = true;
                    continue;
                }

                var list = await response.Content.ReadFromJsonAsync<ChainTransactionList>(Json, cancellationToken).ConfigureAwait(false);
                Render(console, name, list!);
            }
            catch (HttpRequestException exception)
            {
                console.MarkupLineInterpolated($"[red]{name}: cannot reach {root}[/] ({exception.Message})");
                failed = true;
            }
        }

        return failed ? 1 : 0;
    }

    private static void Render(IAnsiConsole console, string app, ChainTransactionList list)
    {
        console.MarkupLineInterpolated($"[bold]{app}[/] account {list.Account} on chain {list.ChainId}: {list.Transactions.Count} intent(s)");
        if (list.Transactions.Count == 0)
        {
            return;
        }

        var table = new Table().AddColumns("nonce", "intent", "kind", "status", "attempts", "hash", "last error / error");
        foreach (var t in list.Transactions)
        {
            table.AddRow(
                Markup.Escape(t.Nonce?.ToString(CultureInfo.InvariantCulture) ?? "-"),
                Markup.Escape(t.IntentId),
                Markup.Escape(t.Kind),
                Markup.Escape(t.Status),
                Markup.Escape(t.Attempts.ToString(CultureInfo.InvariantCulture) + (t.Replacements > 0 ? $" ({t.Replacements} replaced)" : string.Empty)),
                Markup.Escape(t.Hash ?? "-"),
                Markup.Escape(t.Error ?? t.LastError ?? string.Empty));
        }

        console.Write(table);
    }

    private static async Task<string?> LocalHostKeyAsync(string stateDirectory, CancellationToken cancellationToken)
    {
        var path = Path.Combine(stateDirectory, "keys.json");
        if (!File.Exists(path))
        {
            return null;
        }

        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false));
        return document.RootElement.TryGetProperty("Host", out var host) && host.TryGetProperty("default", out var value) ? value.GetString() : null;
    }

    private static int Fail(IAnsiConsole console, string message)
    {
        console.MarkupLineInterpolated($"[red]{message}[/]");
        return 2;
    }
}
