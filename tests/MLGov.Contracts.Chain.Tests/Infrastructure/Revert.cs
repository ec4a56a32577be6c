using MLGov.Platform.Chain;

namespace MLGov.Contracts.Chain.Tests.Infrastructure;

/// <summary>Asserts that a call reverts with one custom error and returns its decoded arguments.</summary>
public static class Revert
{
    public static async Task<TError> With<TError>(Func<Task> action)
        where TError : class, new()
    {
        var exception = await Assert.ThrowsAsync<ChainRevertException>(action);
        Assert.True(exception.IsError<TError>(), $"Expected {typeof(TError).Name}, got selector {exception.Selector ?? "none"} ({exception.Message}).");
        return exception.DecodeError<TError>();
    }
}
