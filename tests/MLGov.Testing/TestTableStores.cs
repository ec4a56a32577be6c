using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using MLGov.Platform.Tables;

namespace MLGov.Testing;

/// <summary>Table stores on the test Azurite under a fresh prefix, with the given tables declared as outbox tables (as AddOutbox would).</summary>
public static class TestTableStores
{
    public static TableStores Create(DependenciesFixture fixture, params string[] outboxTables)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var options = new TablesOptions { ConnectionString = fixture.Dependencies.Azurite.ConnectionString, TablePrefix = DependenciesFixture.UniquePrefix() };
        var declared = new OutboxTables();
        foreach (var table in outboxTables)
        {
            declared.Names.Add(table);
        }

        return new TableStores(new TableServiceClient(options.ConnectionString), Options.Create(options), new OutboxSignal(Options.Create(options), Options.Create(declared)));
    }

    /// <summary>
    /// Stores under a fresh prefix (or the given one, to share tables between two "hosts") whose
    /// <paramref name="table"/> is both an outbox table and the chain intent table, as an app's
    /// <c>AddOutbox(table)</c> and <c>AddChainIntents(table)</c> declare it.
    /// </summary>
    public static (TableStores Stores, ChainIntentSignal Signal) WithChainIntents(DependenciesFixture fixture, string table, string? prefix = null)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var options = new TablesOptions { ConnectionString = fixture.Dependencies.Azurite.ConnectionString, TablePrefix = prefix ?? DependenciesFixture.UniquePrefix() };
        var declared = new OutboxTables();
        declared.Names.Add(table);
        var signal = new ChainIntentSignal(options.TablePrefix + table);
        return (new TableStores(new TableServiceClient(options.ConnectionString), Options.Create(options), new OutboxSignal(Options.Create(options), Options.Create(declared)), signal), signal);
    }
}
