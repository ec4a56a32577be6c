using System.Globalization;
using Azure.Data.Tables;
using MLGov.Core.Errors;
using MLGov.Platform.Tables;
using MLGov.Testing;

namespace MLGov.Platform.Tests.Tables;

/// <summary>
/// A row or a transaction over the Table service's limits is refused before it is sent, with a 413
/// (PayloadTooLargeException) that says which limit; rows at the limits are stored by Azurite.
/// </summary>
public sealed class TableLimitsTests : IClassFixture<DependenciesFixture>
{
    private readonly TableStores _stores;

    public TableLimitsTests(DependenciesFixture fixture)
    {
        _stores = TestTableStores.Create(fixture);
    }

    public static TheoryData<string, string> OverLimit => new()
    {
        { "string", "a table string property holds at most 32768 (64 KiB)" },
        { "binary", "a table binary property holds at most 65536 (64 KiB)" },
        { "properties", "a table row holds at most 252" },
        { "entity", "a table row holds at most 1048576 (1 MiB)" },
    };

    [Theory]
    [MemberData(nameof(OverLimit))]
    public async Task A_row_over_a_limit_is_refused_before_sending_naming_the_limit(string limit, string message)
    {
        var store = _stores.For<TableEntity>("limits");
        var row = Over(limit);

        var added = await Assert.ThrowsAsync<PayloadTooLargeException>(() => store.AddAsync(row, CancellationToken.None));
        var batch = await store.BatchAsync("p", CancellationToken.None);
        var batched = Assert.Throws<PayloadTooLargeException>(() => batch.Add(row));

        Assert.Contains(message, added.Message, StringComparison.Ordinal);
        Assert.Contains(message, batched.Message, StringComparison.Ordinal);
        Assert.Equal(0, batch.Count);
        Assert.Null(await store.FindAsync("p", limit, CancellationToken.None));
    }

    [Fact]
    public async Task Rows_at_the_limits_are_stored()
    {
        var store = _stores.For<TableEntity>("limits");
        var longest = new TableEntity("p", "longest") { ["Text"] = new string('s', TableLimits.MaxStringLength), ["Bytes"] = new byte[TableLimits.MaxBinaryBytes] };
        var widest = new TableEntity("p", "widest");
        for (var i = 0; i < TableLimits.MaxProperties; i++)
        {
            widest["P" + i.ToString(CultureInfo.InvariantCulture)] = i;
        }

        await store.AddAsync(longest, CancellationToken.None);
        await store.AddAsync(widest, CancellationToken.None);

        Assert.Equal(TableLimits.MaxStringLength, ((string)(await store.FindAsync("p", "longest", CancellationToken.None))!["Text"]).Length);
        Assert.Equal(TableLimits.MaxProperties + 3, (await store.FindAsync("p", "widest", CancellationToken.None))!.Count - 1); // + PartitionKey, RowKey, Timestamp, odata.etag
    }

    [Fact]
    public async Task A_transaction_over_4_MiB_is_refused_at_the_row_that_breaks_it()
    {
        var batch = await _stores.For<TableEntity>("limits").BatchAsync("big", CancellationToken.None);
        for (var i = 0; i < 4; i++)
        {
            batch.Add(Wide("big", "r" + i.ToString(CultureInfo.InvariantCulture), columns: 15));
        }

        var error = Assert.Throws<PayloadTooLargeException>(() => batch.Add(Wide("big", "r4", columns: 15)));

        Assert.Contains("A table transaction holds at most 4194304 bytes (4 MiB)", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, batch.Count);
    }

    private static TableEntity Over(string limit) => limit switch
    {
        "string" => new TableEntity("p", limit) { ["Text"] = new string('s', TableLimits.MaxStringLength + 1) },
        "binary" => new TableEntity("p", limit) { ["Bytes"] = new byte[TableLimits.MaxBinaryBytes + 1] },
        "properties" => Enumerable.Range(0, TableLimits.MaxProperties + 1).Aggregate(new TableEntity("p", limit), (e, i) =>
        {
            e["P" + i.ToString(CultureInfo.InvariantCulture)] = i;
            return e;
        }),
        _ => Wide("p", limit, columns: 17),
    };

    /// <summary>A row of full string columns: 15 make about 0.94 MiB, 17 more than 1 MiB.</summary>
    private static TableEntity Wide(string partition, string rowKey, int columns)
    {
        var entity = new TableEntity(partition, rowKey);
        for (var i = 0; i < columns; i++)
        {
            entity["C" + i.ToString(CultureInfo.InvariantCulture)] = new string('w', TableLimits.MaxStringLength);
        }

        return entity;
    }
}
