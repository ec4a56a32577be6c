using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;

namespace MLGov.Testing;

/// <summary>
/// Counts what a Table client reads, as the service answers it: entities returned by queries and
/// point reads, and the filter of every query. Lets a test assert that a pass reads in proportion
/// to what it needs, not to the size of the table.
/// </summary>
public sealed class EntityReadCounter : HttpPipelinePolicy
{
    private readonly object _gate = new();
    private readonly List<string> _queries = [];
    private int _entities;

    public int EntitiesRead
    {
        get
        {
            lock (_gate)
            {
                return _entities;
            }
        }
    }

    public IReadOnlyList<string> Queries
    {
        get
        {
            lock (_gate)
            {
                return _queries.ToList();
            }
        }
    }

    public TableClientOptions ClientOptions()
    {
        var options = new TableClientOptions();
        options.AddPolicy(this, HttpPipelinePosition.PerCall);
        return options;
    }

    public void Reset()
    {
        lock (_gate)
        {
            _entities = 0;
            _queries.Clear();
        }
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ProcessNext(message, pipeline);
        Count(message);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        Count(message);
    }

    private void Count(HttpMessage message)
    {
        if (message.Request.Method != RequestMethod.Get || message.Response.Status != 200 || message.Response.Content is null)
        {
            return;
        }

        var path = message.Request.Uri.Path;
        if (path.EndsWith("/Tables", StringComparison.Ordinal) || path.Contains("/Tables(", StringComparison.Ordinal))
        {
            return;
        }

        using var document = JsonDocument.Parse(message.Response.Content.ToMemory());
        var count = document.RootElement.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array ? value.GetArrayLength() : 1;
        var query = message.Request.Uri.Query;
        lock (_gate)
        {
            _entities += count;
            if (query.Contains("%24filter=", StringComparison.OrdinalIgnoreCase) || query.Contains("$filter=", StringComparison.Ordinal))
            {
                _queries.Add(Uri.UnescapeDataString(query));
            }
        }
    }
}
