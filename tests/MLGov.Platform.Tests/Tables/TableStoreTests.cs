using Azure;
using Azure.Data.Tables;
using MLGov.Core.Errors;
using MLGov.Platform.Tables;
using MLGov.Testing;

namespace MLGov.Platform.Tests.Tables;

public sealed class TableStoreTests : IClassFixture<DependenciesFixture>
{
    private readonly TableStores _stores;

    public TableStoreTests(DependenciesFixture fixture)
    {
        _stores = TestTableStores.Create(fixture, "ledger", "etags", "reserved");
    }

    public sealed class Account : ITableEntity
    {
        public string PartitionKey { get; set; } = string.Empty;

        public string RowKey { get; set; } = string.Empty;

        public DateTimeOffset? Timestamp { get; set; }

        public ETag ETag { get; set; }

        public long Balance { get; set; }
    }

    [Fact]
    public async Task An_added_row_is_found_with_its_etag()
    {
        var store = _stores.For<Account>("accounts");
        var etag = await store.AddAsync(new Account { PartitionKey = "p", RowKey = "a", Balance = 10 }, CancellationToken.None);

        var found = await store.FindAsync("p", "a", CancellationToken.None);

        Assert.NotNull(found);
        Assert.Equal(10, found.Balance);
        Assert.Equal(etag, found.ETag);
        Assert.Null(await store.FindAsync("p", "missing", CancellationToken.None));
    }

    [Fact]
    public async Task Adding_an_existing_row_fails_as_already_existing_and_keeps_the_original()
    {
        var store = _stores.For<Account>("accounts");
        await store.AddAsync(new Account { PartitionKey = "p", RowKey = "dup", Balance = 1 }, CancellationToken.None);

        await Assert.ThrowsAsync<AlreadyExistsException>(() => store.AddAsync(new Account { PartitionKey = "p", RowKey = "dup", Balance = 2 }, CancellationToken.None));

        Assert.Equal(1, (await store.FindAsync("p", "dup", CancellationToken.None))!.Balance);
    }

    [Fact]
    public async Task An_update_with_a_stale_etag_fails_and_does_not_overwrite()
    {
        var store = _stores.For<Account>("accounts");
        await store.AddAsync(new Account { PartitionKey = "p", RowKey = "race", Balance = 100 }, CancellationToken.None);
        var first = (await store.FindAsync("p", "race", CancellationToken.None))!;
        var second = (await store.FindAsync("p", "race", CancellationToken.None))!;

        first.Balance = 150;
        await store.UpdateAsync(first, CancellationToken.None);
        second.Balance = 90;
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.UpdateAsync(second, CancellationToken.None));

        Assert.Equal(150, (await store.FindAsync("p", "race", CancellationToken.None))!.Balance);
    }

    [Fact]
    public async Task A_delete_with_a_stale_etag_fails_and_keeps_the_row()
    {
        var store = _stores.For<Account>("accounts");
        await store.AddAsync(new Account { PartitionKey = "p", RowKey = "del", Balance = 5 }, CancellationToken.None);
        var stale = (await store.FindAsync("p", "del", CancellationToken.None))!;
        var fresh = (await store.FindAsync("p", "del", CancellationToken.None))!;
        fresh.Balance = 6;
        await store.UpdateAsync(fresh, CancellationToken.None);

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.DeleteAsync(stale, CancellationToken.None));
        Assert.NotNull(await store.FindAsync("p", "del", CancellationToken.None));

        await store.DeleteAsync(fresh, CancellationToken.None);
        Assert.Null(await store.FindAsync("p", "del", CancellationToken.None));
    }

    [Fact]
    public async Task An_update_without_an_etag_is_refused_before_it_reaches_the_table()
    {
        var store = _stores.For<Account>("accounts");
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.UpdateAsync(new Account { PartitionKey = "p", RowKey = "blind" }, CancellationToken.None));
    }

    [Fact]
    public async Task A_state_change_and_its_outbox_row_commit_together()
    {
        var store = _stores.For<Account>("ledger");
        await store.AddAsync(new Account { PartitionKey = "acct", RowKey = "balance", Balance = 100 }, CancellationToken.None);
        var account = (await store.FindAsync("acct", "balance", CancellationToken.None))!;
        account.Balance = 70;

        var batch = await store.BatchAsync("acct", CancellationToken.None);
        batch.Update(account)
            .Add(new Account { PartitionKey = "acct", RowKey = "entry-1", Balance = -30 })
            .Publish(OutboxMessage.Create("acct", "evt-1", "finance-events", "com.mlgov.finance.debited.v1", """{"amount":30}""", DateTimeOffset.UtcNow));
        await batch.CommitAsync(CancellationToken.None);

        Assert.Equal(70, (await store.FindAsync("acct", "balance", CancellationToken.None))!.Balance);
        Assert.NotNull(await store.FindAsync("acct", "entry-1", CancellationToken.None));
        var outbox = await _stores.For<OutboxMessage>("ledger").FindAsync("acct", OutboxMessage.RowKeyPrefix + "evt-1", CancellationToken.None);
        Assert.NotNull(outbox);
        Assert.Equal("com.mlgov.finance.debited.v1", outbox.EventType);
        Assert.Equal(["balance", "entry-1"], await store.QueryPartitionAsync("acct", CancellationToken.None).Select(a => a.RowKey).ToListAsync());
    }

    [Fact]
    public async Task A_partition_query_skips_only_the_platforms_reserved_rows()
    {
        var store = _stores.For<Account>("ledger");
        foreach (var key in new[] { "alpha", "zeta", "\u00e9clair", "\u6a21\u578b", "~reserved" })
        {
            await store.AddAsync(new Account { PartitionKey = "keys", RowKey = key }, CancellationToken.None);
        }

        var batch = await store.BatchAsync("keys", CancellationToken.None);
        batch.Publish(OutboxMessage.Create("keys", "evt-k", "finance-events", "com.mlgov.finance.debited.v1", "{}", DateTimeOffset.UtcNow));
        await batch.CommitAsync(CancellationToken.None);

        var keys = await store.QueryPartitionAsync("keys", CancellationToken.None).Select(a => a.RowKey).ToListAsync();

        Assert.Equal(["alpha", "zeta", "\u00e9clair", "\u6a21\u578b"], keys);
    }

    [Fact]
    public async Task A_conflicting_batch_writes_neither_the_state_nor_the_outbox_row()
    {
        var store = _stores.For<Account>("ledger");
        await store.AddAsync(new Account { PartitionKey = "acct2", RowKey = "balance", Balance = 100 }, CancellationToken.None);
        var stale = (await store.FindAsync("acct2", "balance", CancellationToken.None))!;
        var concurrent = (await store.FindAsync("acct2", "balance", CancellationToken.None))!;
        concurrent.Balance = 1;
        await store.UpdateAsync(concurrent, CancellationToken.None);

        stale.Balance = 70;
        var batch = await store.BatchAsync("acct2", CancellationToken.None);
        batch.Add(new Account { PartitionKey = "acct2", RowKey = "entry-1", Balance = -30 })
            .Update(stale)
            .Publish(OutboxMessage.Create("acct2", "evt-2", "finance-events", "com.mlgov.finance.debited.v1", "{}", DateTimeOffset.UtcNow));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => batch.CommitAsync(CancellationToken.None));

        Assert.Equal(1, (await store.FindAsync("acct2", "balance", CancellationToken.None))!.Balance);
        Assert.Null(await store.FindAsync("acct2", "entry-1", CancellationToken.None));
        Assert.Null(await _stores.For<OutboxMessage>("ledger").FindAsync("acct2", OutboxMessage.RowKeyPrefix + "evt-2", CancellationToken.None));
        var index = _stores.Client("ledger").QueryAsync<OutboxIndexEntry>(e => e.PartitionKey == OutboxIndex.PartitionOf("acct2"));
        Assert.DoesNotContain(await index.ToListAsync(), e => e.CommitId == "evt-2");
    }

    [Fact]
    public async Task Publishing_in_a_table_no_dispatcher_watches_is_refused_before_anything_is_written()
    {
        var store = _stores.For<Account>("unwatched");
        var batch = await store.BatchAsync("acct3", CancellationToken.None);
        batch.Add(new Account { PartitionKey = "acct3", RowKey = "balance", Balance = 5 });

        var refused = Assert.Throws<InvalidOperationException>(() =>
            batch.Publish(OutboxMessage.Create("acct3", "evt-3", "finance-events", "com.mlgov.finance.debited.v1", "{}", DateTimeOffset.UtcNow)));

        Assert.Contains("AddOutbox", refused.Message, StringComparison.Ordinal);
        Assert.Contains("unwatched", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_commit_updates_the_etags_of_the_entities_it_wrote()
    {
        var store = _stores.For<Account>("ledger");
        var account = new Account { PartitionKey = "acct4", RowKey = "balance", Balance = 1 };
        var batch = await store.BatchAsync("acct4", CancellationToken.None);
        batch.Add(account);
        await batch.CommitAsync(CancellationToken.None);

        account.Balance = 2;
        await store.UpdateAsync(account, CancellationToken.None);

        Assert.Equal(2, (await store.FindAsync("acct4", "balance", CancellationToken.None))!.Balance);
    }

    [Fact]
    public async Task A_batch_refuses_other_partitions_duplicates_and_more_than_a_hundred_rows()
    {
        var store = _stores.For<Account>("ledger");
        var batch = await store.BatchAsync("x", CancellationToken.None);

        Assert.Throws<InvalidOperationException>(() => batch.Add(new Account { PartitionKey = "y", RowKey = "1" }));
        batch.Add(new Account { PartitionKey = "x", RowKey = "1" });
        Assert.Throws<InvalidOperationException>(() => batch.Add(new Account { PartitionKey = "x", RowKey = "1" }));
        for (var i = 2; i <= PartitionBatch.MaxOperations; i++)
        {
            batch.Add(new Account { PartitionKey = "x", RowKey = i.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        Assert.Throws<InvalidOperationException>(() => batch.Add(new Account { PartitionKey = "x", RowKey = "101" }));
        await batch.CommitAsync(CancellationToken.None);
        Assert.Equal(100, await store.QueryPartitionAsync("x", CancellationToken.None).CountAsync());
    }

    public sealed record Note(string Text);

    [Fact]
    public async Task A_filter_query_never_returns_the_platforms_rows_however_the_filter_is_written()
    {
        var store = _stores.For<TableEntity>("reserved");
        await store.AddAsync(new TableEntity("orders:1", "order"), CancellationToken.None);
        await store.AddAsync(new TableEntity("orders:1", "~index~x"), CancellationToken.None);
        await store.AddAsync(new TableEntity("inbox:test-events.consumer", "evt-1"), CancellationToken.None);
        await store.AddAsync(new TableEntity("~meta", "m"), CancellationToken.None);
        var batch = await store.BatchAsync("orders:1", CancellationToken.None);
        batch.Publish(OutboxMessage.Create("orders:1", "evt-o", "finance-events", "com.mlgov.finance.debited.v1", "{}", DateTimeOffset.UtcNow));
        await batch.CommitAsync(CancellationToken.None);

        foreach (var filter in new[] { null, "", "RowKey ge 'a'", "PartitionKey eq 'orders:1'", "PartitionKey eq 'orders:1' or PartitionKey eq 'inbox:test-events.consumer' or PartitionKey eq '~meta'" })
        {
            var rows = await store.QueryAsync(filter!, CancellationToken.None).Select(e => e.PartitionKey + "/" + e.RowKey).ToListAsync();
            Assert.True(rows is ["orders:1/order"], $"{filter}: {string.Join(", ", rows)}");
        }
    }

    [Fact]
    public async Task A_committed_batch_leaves_each_written_entity_with_its_new_etag_so_it_can_be_written_again()
    {
        var store = _stores.For<Account>("etags");
        var account = new Account { PartitionKey = "e", RowKey = "a", Balance = 1 };
        var batch = await store.BatchAsync("e", CancellationToken.None);
        await batch.Add(account).Add(new Account { PartitionKey = "e", RowKey = "b" }).CommitAsync(CancellationToken.None);

        Assert.Equal((await store.FindAsync("e", "a", CancellationToken.None))!.ETag, account.ETag);

        account.Balance = 2;
        var next = await store.BatchAsync("e", CancellationToken.None);
        await next.Update(account).CommitAsync(CancellationToken.None);
        Assert.Equal((await store.FindAsync("e", "a", CancellationToken.None))!.ETag, account.ETag);

        account.Balance = 3;
        await store.UpdateAsync(account, CancellationToken.None);
        Assert.Equal(3, (await store.FindAsync("e", "a", CancellationToken.None))!.Balance);
    }

    [Fact]
    public async Task A_record_added_in_a_batch_gets_its_etag_from_the_batch_and_updates_with_it()
    {
        var records = _stores.Records<Note>("etags");
        var batch = await records.BatchAsync("r", CancellationToken.None);
        batch.Add("n", new Note("first")).Publish(OutboxMessage.Create("r", "evt-r", "finance-events", "com.mlgov.finance.noted.v1", "{}", DateTimeOffset.UtcNow));
        Assert.Equal(default, batch.ETagOf("n"));
        await batch.CommitAsync(CancellationToken.None);

        var stored = new StoredRecord<Note>(new Note("first"), "r", "n", batch.ETagOf("n"));
        Assert.Equal((await records.FindAsync("r", "n", CancellationToken.None))!.ETag, stored.ETag);
        var update = await records.BatchAsync("r", CancellationToken.None);
        await update.Update(stored, new Note("second")).CommitAsync(CancellationToken.None);
        Assert.Equal("second", (await records.FindAsync("r", "n", CancellationToken.None))!.Value.Text);
    }

    public static TheoryData<string> BadKeys => new()
    {
        "a/b", "a\\b", "a#b", "a?b", "tab\there", "line\n", "nul\0", "del\u007f", "c1\u0085", "c1\u009f", new string('k', TableKeys.MaxLength + 1),
    };

    [Theory]
    [MemberData(nameof(BadKeys))]
    public async Task A_key_the_table_service_refuses_is_a_validation_error_naming_the_key_before_anything_is_sent(string key)
    {
        var store = _stores.For<Account>("badkeys");
        var records = _stores.Records<Note>("badkeys");

        Assert.Equal("rowKey", await RefusedAsync(() => store.AddAsync(new Account { PartitionKey = "p", RowKey = key }, CancellationToken.None)));
        Assert.Equal("partitionKey", await RefusedAsync(() => store.AddAsync(new Account { PartitionKey = key, RowKey = "r" }, CancellationToken.None)));
        Assert.Equal("rowKey", await RefusedAsync(() => store.FindAsync("p", key, CancellationToken.None)));
        Assert.Equal("partitionKey", await RefusedAsync(() => records.FindAsync(key, "r", CancellationToken.None)));
        Assert.Equal("partitionKey", await RefusedAsync(() => store.BatchAsync(key, CancellationToken.None)));
        Assert.Equal("partitionKey", await RefusedAsync(() => store.QueryPartitionAsync(key, CancellationToken.None).ToListAsync().AsTask()));
        var batch = await records.BatchAsync("p", CancellationToken.None);
        Assert.Equal("rowKey", await RefusedAsync(() => Task.FromResult(batch.Add(key, new Note("x")))));
        Assert.Empty(await store.QueryPartitionAsync("p", CancellationToken.None).ToListAsync());
    }

    [Fact]
    public async Task Keys_up_to_the_limit_of_any_other_characters_are_stored()
    {
        var store = _stores.For<Account>("goodkeys");
        var longest = new string('k', TableKeys.MaxLength);
        foreach (var key in new[] { longest, "incidents:inc-7", "~inbox~a.b~c", "\u00e9t\u00e9 \u6a21\u578b" })
        {
            await store.AddAsync(new Account { PartitionKey = key, RowKey = key }, CancellationToken.None);
            Assert.NotNull(await store.FindAsync(key, key, CancellationToken.None));
        }
    }

    [Fact]
    public void Every_resource_id_and_event_id_is_a_valid_table_key()
    {
        for (var c = char.MinValue; c < char.MaxValue; c++)
        {
            var id = "a" + c;
            Assert.True(!Core.Identifiers.ResourceId.IsValid(id) || TableKeys.IsValid("incidents:" + id), $"U+{(int)c:X4}");
            Assert.True(!Core.Events.EventIds.IsValid(id) || TableKeys.IsValid("~outbox~" + id), $"U+{(int)c:X4}");
        }

        Assert.True(TableKeys.IsValid("~inbox~" + new string('t', 64) + "." + new string('s', 64) + "~" + new string('e', 128)));
    }

    private static async Task<string> RefusedAsync<T>(Func<Task<T>> action)
    {
        var error = await Assert.ThrowsAsync<ValidationException>(action);
        Assert.DoesNotContain("Exception", error.Message, StringComparison.Ordinal);
        return Assert.Single(error.Errors).Key;
    }
}
