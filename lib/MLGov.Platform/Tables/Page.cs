namespace MLGov.Platform.Tables;

/// <summary>
/// One page of a list: its items and, when there may be more, the opaque token that asks for the next
/// page (null on the last page). A page can hold fewer items than the limit, even none, and still have
/// a next token: the Table service ends a page early at partition and time boundaries.
/// </summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next)
{
    /// <summary>The same page with each item mapped, for example from stored records to their values.</summary>
    public Page<TOut> Select<TOut>(Func<T, TOut> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return new Page<TOut>([.. Items.Select(map)], Next);
    }
}
