using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using MLGov.Core.Errors;

namespace MLGov.Platform.Http;

/// <summary>
/// Reads a JSON request body into a typed model. Every way a body can be wrong ends in a typed
/// error (400, 413 or 415 problem details), never in a 500: wrong media type, too large (by header
/// or by counting), empty, not UTF-8, malformed JSON, wrong member types, unknown or missing members.
/// </summary>
public sealed class JsonRequestReader
{
    /// <summary>The same strictness as <see cref="ApiJson.Options"/>: no comments, no trailing commas, the same depth.</summary>
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 32,
    };

    private readonly RequestBodyOptions _options;

    public JsonRequestReader(IOptions<RequestBodyOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
    }

    public async Task<T> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken) =>
        (await ReadWithBodyAsync<T>(request, cancellationToken).ConfigureAwait(false)).Value;

    /// <summary>As <see cref="ReadAsync{T}"/>, also returning the body's bytes (for a signature over them).</summary>
    public async Task<(T Value, ReadOnlyMemory<byte> Body)> ReadWithBodyAsync<T>(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsJsonMediaType(request.ContentType))
        {
            throw new UnsupportedMediaTypeException("The request body must be JSON (Content-Type: application/json).");
        }

        if (request.ContentLength > _options.MaxBytes)
        {
            throw new PayloadTooLargeException($"The request body exceeds {_options.MaxBytes} bytes.");
        }

        var body = await ReadLimitedAsync(request.Body, _options.MaxBytes, cancellationToken).ConfigureAwait(false);
        if (body.Length == 0)
        {
            throw ValidationException.For(string.Empty, "The request body is empty.");
        }

        if (!Utf8.IsValid(body.Span))
        {
            throw ValidationException.For(string.Empty, "The request body is not valid UTF-8.");
        }

        // Parsed once on its own first, so a body that is not JSON at all is told apart from JSON that
        // does not fit the contract, and the latter can be explained from the document.
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions);
        }
        catch (JsonException exception)
        {
            throw JsonBodyProblems.Malformed(exception);
        }

        using (document)
        {
            T? value;
            try
            {
                value = JsonSerializer.Deserialize<T>(body.Span, ApiJson.Options);
            }
            catch (JsonException exception)
            {
                throw JsonBodyProblems.Invalid(exception, document.RootElement, ApiJson.Options.GetTypeInfo(typeof(T)));
            }

            return (value ?? throw ValidationException.For(string.Empty, "The request body must be a JSON object, not null."), body);
        }
    }

    private static bool IsJsonMediaType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return false;
        }

        var mediaType = contentType.Split(';', 2)[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (mediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase)
                && mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }

    private static async Task<ReadOnlyMemory<byte>> ReadLimitedAsync(Stream body, int maxBytes, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(Math.Min(maxBytes + 1, 16 * 1024));
        while (true)
        {
            var memory = buffer.GetMemory(4096);
            var read = await body.ReadAsync(memory, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return buffer.WrittenMemory;
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > maxBytes)
            {
                throw new PayloadTooLargeException($"The request body exceeds {maxBytes} bytes.");
            }
        }
    }
}
