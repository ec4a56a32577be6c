using System.Globalization;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using MLGov.Core.Errors;
using MLGov.Platform.Http;
using MLGov.Platform.Tables;
using MLGov.Testing;

namespace MLGov.Platform.Tests.Tables;

/// <summary>Lists page through Azurite with opaque tokens; a bad limit or token is a validation error, never a 500.</summary>
public sealed class PagingTests : IClassFixture<DependenciesFixture>
{
    private readonly TableStores _stores;

    public PagingTests(DependenciesFixture fixture)
    {
        _stores = TestTableStores.Create(fixture, "paged");
    }

    public sealed record Item(string Name, int Rank);

    [Fact]
    public async Task Pages_follow_each_other_through_next_until_the_last_and_skip_the_platforms_rows()
    {
        var items = _stores.Records<Item>("paged");
        for (var i = 0; i < 7; i++)
        {
            var partition = "items:" + i.ToString(CultureInfo.InvariantCulture);
            var batch = await items.BatchAsync(partition, CancellationToken.None);
            batch.Add("item", new Item("n" + i, i)).Publish(OutboxMessage.Create(partition, "evt-" + i, "finance-events", "com.mlgov.finance.listed.v1", "{}", DateTimeOffset.UtcNow));
            await batch.CommitAsync(CancellationToken.None);
        }

        await _stores.For<TableEntity>("paged").AddAsync(new TableEntity("inbox:c", "evt-x"), CancellationToken.None);
        await _stores.For<TableEntity>("paged").AddAsync(new TableEntity("other:1", "item") { ["Name"] = "o", ["Rank"] = 9 }, CancellationToken.None);

        var seen = new List<int>();
        var pages = 0;
        var request = PageRequest.First(3);
        while (true)
        {
            var page = (await items.PageAsync(TableFilters.PartitionStartsWith("items:"), request, CancellationToken.None)).Select(r => r.Value);
            pages++;
            Assert.True(page.Items.Count <= 3);
            seen.AddRange(page.Items.Select(i => i.Rank));
            if (page.Next is null)
            {
                break;
            }

            Assert.DoesNotContain("items", page.Next, StringComparison.Ordinal);
            request = PageRequest.Create(3, page.Next);
        }

        Assert.Equal([0, 1, 2, 3, 4, 5, 6], seen);
        Assert.Equal(3, pages);
        var all = await items.PageAsync(null, PageRequest.First(), CancellationToken.None);
        Assert.Equal(8, all.Items.Count);
        Assert.Null(all.Next);
        Assert.Equal(8, await items.QueryAsync(null, CancellationToken.None).CountAsync());
    }

    [Fact]
    public async Task A_cut_or_edited_token_is_refused_as_a_bad_request()
    {
        var items = _stores.Records<Item>("tokens");
        for (var i = 0; i < 3; i++)
        {
            await (await items.BatchAsync("t:" + i.ToString(CultureInfo.InvariantCulture), CancellationToken.None)).Add("item", new Item("n", i)).CommitAsync(CancellationToken.None);
        }

        var next = (await items.PageAsync(null, PageRequest.First(1), CancellationToken.None)).Next!;
        var edited = next[..^2] + (next[^2] == 'A' ? 'B' : 'A') + next[^1];

        foreach (var bad in new[] { edited, next[..^3], "garbage", "", "a+b/c=", next + next })
        {
            var error = Assert.Throws<ValidationException>(() => PageRequest.Create(null, bad));
            Assert.Equal("next", Assert.Single(error.Errors).Key);
        }

        Assert.Single((await items.PageAsync(null, PageRequest.Create(1, next), CancellationToken.None)).Items);
    }

    [Theory]
    [InlineData("", 50)]
    [InlineData("?limit=1", 1)]
    [InlineData("?limit=1000", 1000)]
    public void The_limit_is_read_from_the_query_string_with_a_default(string query, int limit)
    {
        Assert.Equal(limit, PageQuery.Read(Request(query)).Limit);
    }

    [Theory]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=1001", "limit")]
    [InlineData("?limit=-1", "limit")]
    [InlineData("?limit=ten", "limit")]
    [InlineData("?limit=", "limit")]
    [InlineData("?limit=99999999999", "limit")]
    [InlineData("?limit=5&limit=6", "limit")]
    [InlineData("?next=%%%", "next")]
    [InlineData("?next=AQ", "next")]
    public void A_bad_limit_or_token_is_a_validation_error_naming_the_parameter(string query, string member)
    {
        var error = Assert.Throws<ValidationException>(() => PageQuery.Read(Request(query)));
        Assert.Equal(member, Assert.Single(error.Errors).Key);
    }

    private static HttpRequest Request(string query)
    {
        var context = new DefaultHttpContext();
        context.Request.QueryString = new QueryString(query);
        return context.Request;
    }
}
