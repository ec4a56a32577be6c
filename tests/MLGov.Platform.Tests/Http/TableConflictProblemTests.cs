using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using MLGov.Core.Errors;
using MLGov.Platform.Http;
using MLGov.Platform.Tables;
using MLGov.Testing;

namespace MLGov.Platform.Tests.Http;

/// <summary>
/// The two ways a write can lose against the Table service answer differently: creating a row that
/// exists is 409 Conflict (re-reading will not make the create succeed), an update carrying a stale
/// ETag is 412 Precondition Failed (re-read and retry). The errors come from real Azurite.
/// </summary>
public sealed class TableConflictProblemTests : IClassFixture<DependenciesFixture>
{
    private readonly TableStores _stores;

    public TableConflictProblemTests(DependenciesFixture fixture)
    {
        _stores = TestTableStores.Create(fixture);
    }

    public sealed record Note(string Text);

    [Fact]
    public async Task Creating_a_row_that_exists_is_a_409_and_a_stale_etag_a_412()
    {
        var notes = _stores.Records<Note>("notes");
        await (await notes.BatchAsync("p", CancellationToken.None)).Add("n", new Note("first")).CommitAsync(CancellationToken.None);
        var stored = (await notes.FindAsync("p", "n", CancellationToken.None))!;
        await (await notes.BatchAsync("p", CancellationToken.None)).Update(stored, new Note("second")).CommitAsync(CancellationToken.None);

        var duplicate = await Assert.ThrowsAnyAsync<DomainException>(async () =>
            await (await notes.BatchAsync("p", CancellationToken.None)).Add("n", new Note("again")).CommitAsync(CancellationToken.None));
        var stale = await Assert.ThrowsAnyAsync<DomainException>(async () =>
            await (await notes.BatchAsync("p", CancellationToken.None)).Update(stored, new Note("lost")).CommitAsync(CancellationToken.None));

        var conflict = await WriteAsync(duplicate);
        Assert.Equal(StatusCodes.Status409Conflict, conflict["status"]!.GetValue<int>());
        Assert.Equal("urn:mlgov:problem:already-exists", conflict["type"]!.GetValue<string>());
        var precondition = await WriteAsync(stale);
        Assert.Equal(StatusCodes.Status412PreconditionFailed, precondition["status"]!.GetValue<int>());
        Assert.Equal("urn:mlgov:problem:concurrency-conflict", precondition["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_single_row_calls_fail_the_same_way()
    {
        var store = _stores.For<TableEntity>("rows");
        await store.AddAsync(new TableEntity("p", "r") { ["Text"] = "first" }, CancellationToken.None);
        var stale = (await store.FindAsync("p", "r", CancellationToken.None))!;
        var fresh = (await store.FindAsync("p", "r", CancellationToken.None))!;
        await store.UpdateAsync(fresh, CancellationToken.None);

        await Assert.ThrowsAsync<AlreadyExistsException>(() => store.AddAsync(new TableEntity("p", "r"), CancellationToken.None));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.UpdateAsync(stale, CancellationToken.None));
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.DeleteAsync(stale, CancellationToken.None));
        Assert.Equal(StatusCodes.Status409Conflict, ProblemDetailsMapper.StatusFor(new AlreadyExistsException("m")));
        Assert.Equal(StatusCodes.Status412PreconditionFailed, ProblemDetailsMapper.StatusFor(new ConcurrencyConflictException("m")));
    }

    private static async Task<JsonObject> WriteAsync(DomainException error)
    {
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();
        await ProblemDetailsMapper.ToProblem(error).WriteAsync(context);
        var problem = (JsonObject)JsonNode.Parse(((MemoryStream)context.Response.Body).ToArray())!;
        Assert.Equal(context.Response.StatusCode, problem["status"]!.GetValue<int>());
        return problem;
    }
}
