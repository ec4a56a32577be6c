namespace MLGov.Core.Errors;

/// <summary>
/// The request is well-formed transport-wise but its content is invalid. <see cref="Errors"/>
/// maps a JSON pointer-like member path ("" for the whole body) to what is wrong with it.
/// </summary>
public sealed class ValidationException : DomainException
{
    public ValidationException(string message, IReadOnlyDictionary<string, string[]>? errors = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Errors = errors ?? new Dictionary<string, string[]>();
    }

    public IReadOnlyDictionary<string, string[]> Errors { get; }

    public override string Title => "Invalid request";

    public override string Kind => "validation";

    public static ValidationException For(string member, string problem) =>
        new(problem, new Dictionary<string, string[]> { [member] = [problem] });
}
