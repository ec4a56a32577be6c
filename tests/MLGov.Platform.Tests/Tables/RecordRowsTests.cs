using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using MLGov.Core.Errors;
using MLGov.Platform.Tables;
using MLGov.Testing;

namespace MLGov.Platform.Tests.Tables;

public sealed class RecordRowsTests : IClassFixture<DependenciesFixture>
{
    private static readonly DateTimeOffset At = new(2026, 11, 29, 10, 30, 15, 123, TimeSpan.FromHours(2));

    private readonly TableStores _stores;

    public RecordRowsTests(DependenciesFixture fixture)
    {
        var options = new TablesOptions { ConnectionString = fixture.Dependencies.Azurite.ConnectionString, TablePrefix = DependenciesFixture.UniquePrefix() };
        _stores = new TableStores(new TableServiceClient(options.ConnectionString), Options.Create(options));
    }

    public enum Colour
    {
        Red,
        DeepBlue,
    }

    public sealed record Sample(string Name, long Amount, int Count, bool Active, DateTimeOffset At, Guid Id, Colour Colour, string? Note, DateTimeOffset? ClosedAt, long? Limit);

    public sealed record WithList(string Name, IReadOnlyList<string> Tags);

    public sealed record WithKeyColumn(string RowKey);

    public sealed class NotPositional
    {
        public string Name { get; set; } = string.Empty;
    }

    private static Sample Full() => new("a", long.MaxValue, -3, true, At, Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"), Colour.DeepBlue, "note", At.AddDays(1), 5);

    [Fact]
    public void A_record_becomes_one_column_per_property_with_enums_by_name()
    {
        var entity = RecordRows.ToEntity(Full(), "p", "r");

        Assert.Equal("p", entity.PartitionKey);
        Assert.Equal("r", entity.RowKey);
        Assert.Equal("a", entity["Name"]);
        Assert.Equal(long.MaxValue, entity["Amount"]);
        Assert.Equal(-3, entity["Count"]);
        Assert.Equal(true, entity["Active"]);
        Assert.Equal(At, entity["At"]);
        Assert.Equal("DeepBlue", entity["Colour"]);
        Assert.Equal(12, entity.Count); // ten properties, PartitionKey and RowKey
    }

    [Fact]
    public void Rows_read_back_into_equal_records_including_nulls()
    {
        var full = Full();
        var sparse = full with { Note = null, ClosedAt = null, Limit = null };

        Assert.Equal(full, RecordRows.ToRecord<Sample>(RecordRows.ToEntity(full, "p", "r")));
        Assert.Equal(sparse, RecordRows.ToRecord<Sample>(RecordRows.ToEntity(sparse, "p", "r")));
    }

    [Fact]
    public void A_missing_required_column_or_a_column_of_another_type_is_invalid_data()
    {
        var missing = RecordRows.ToEntity(Full(), "p", "r");
        missing.Remove("Amount");
        var wrongType = RecordRows.ToEntity(Full(), "p", "r");
        wrongType["Active"] = "yes";
        var unknownEnum = RecordRows.ToEntity(Full(), "p", "r");
        unknownEnum["Colour"] = "Green";

        Assert.Contains("'Amount'", Assert.Throws<InvalidDataException>(() => RecordRows.ToRecord<Sample>(missing)).Message, StringComparison.Ordinal);
        Assert.Contains("'Active'", Assert.Throws<InvalidDataException>(() => RecordRows.ToRecord<Sample>(wrongType)).Message, StringComparison.Ordinal);
        Assert.Contains("'Colour'", Assert.Throws<InvalidDataException>(() => RecordRows.ToRecord<Sample>(unknownEnum)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Records_a_row_cannot_hold_fail_on_first_use_naming_the_property()
    {
        Assert.Contains("Tags", Assert.Throws<NotSupportedException>(() => RecordRows.ToEntity(new WithList("a", ["x"]), "p", "r")).Message, StringComparison.Ordinal);
        Assert.Contains("RowKey", Assert.Throws<NotSupportedException>(() => RecordRows.ToEntity(new WithKeyColumn("x"), "p", "r")).Message, StringComparison.Ordinal);
        Assert.Contains("positional", Assert.Throws<NotSupportedException>(() => RecordRows.ToEntity(new NotPositional(), "p", "r")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_record_round_trips_through_the_table_service_and_updates_only_with_its_etag()
    {
        var store = _stores.Records<Sample>("records");
        var batch = await store.BatchAsync("p", CancellationToken.None);
        await batch.Add("r", Full()).CommitAsync(CancellationToken.None);

        var stored = await store.FindAsync("p", "r", CancellationToken.None);

        Assert.NotNull(stored);
        Assert.Equal(Full(), stored.Value);
        Assert.Null(await store.FindAsync("p", "other", CancellationToken.None));

        var update = await store.BatchAsync("p", CancellationToken.None);
        await update.Update(stored, stored.Value with { Amount = 1 }).CommitAsync(CancellationToken.None);
        Assert.Equal(1, (await store.FindAsync("p", "r", CancellationToken.None))!.Value.Amount);

        var stale = await store.BatchAsync("p", CancellationToken.None);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => stale.Update(stored, stored.Value with { Amount = 2 }).CommitAsync(CancellationToken.None));
        var again = await store.BatchAsync("p", CancellationToken.None);
        await Assert.ThrowsAsync<AlreadyExistsException>(() => again.Add("r", Full()).CommitAsync(CancellationToken.None));
        Assert.Equal(1, (await store.FindAsync("p", "r", CancellationToken.None))!.Value.Amount);
    }
}
