namespace MLGov.Trust.Status;

/// <summary>
/// Hands out status list indexes: at random (so an index says nothing about when or to whom a credential was issued)
/// and never the same one twice. The allocator's state is the caller's to persist between allocations (with an ETag or
/// equivalent, so two instances never hand out from the same state).
/// </summary>
public interface IStatusIndexAllocator
{
    /// <summary>How many indexes the list has, and how many are still free.</summary>
    int Length { get; }

    int Free { get; }

    /// <summary>A fresh index, now marked used; throws <see cref="InvalidOperationException"/> when the list is full.</summary>
    int Allocate();

    /// <summary>The state to persist: one bit per index, set when used (the same layout as a status list).</summary>
    byte[] ExportState();
}
