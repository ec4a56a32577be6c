using System.Diagnostics;
using MLGov.Platform.Tables;

namespace MLGov.Platform.Health;

/// <summary>Tables are healthy when the service lists its tables.</summary>
public sealed class TablesDependencyCheck : IDependencyCheck
{
    private readonly TableStores _stores;

    public TablesDependencyCheck(TableStores stores)
    {
        _stores = stores;
    }

    public string Name => "tables";

    public async Task<DependencyStatus> CheckAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        await foreach (var page in _stores.Service.QueryAsync(maxPerPage: 1, cancellationToken: cancellationToken).AsPages().ConfigureAwait(false))
        {
            _ = page;
            break;
        }

        return new DependencyStatus(true, watch.ElapsedMilliseconds, Details: new Dictionary<string, object> { ["endpoint"] = _stores.Service.Uri.GetLeftPart(UriPartial.Authority) });
    }
}
