using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using OpenTelemetry;

namespace MLGov.Platform.Telemetry;

/// <summary>
/// Appends every ended span to a file as one JSON object per line (traceId, spanId, parentSpanId,
/// name, kind, start, durationMs, status, tags), for reading locally with jq or an editor.
/// The local host runs the five apps in one process and an activity source is process-wide, so
/// every app's tracer sees every span: only the first app that opens a file writes it.
/// </summary>
internal sealed class SpanFileExporter : BaseExporter<Activity>
{
    private static readonly ConcurrentDictionary<string, SpanFileExporter> Open = new(StringComparer.Ordinal);

    private readonly string _path;
    private readonly object _gate = new();
    private StreamWriter? _writer;

    private SpanFileExporter(string path)
    {
        _path = path;
    }

    /// <summary>The processor that writes the file, or null when another app of this process writes it already.</summary>
    public static BaseProcessor<Activity>? TryOpen(string path)
    {
        var fullPath = Path.GetFullPath(path);
        var exporter = new SpanFileExporter(fullPath);
        if (!Open.TryAdd(fullPath, exporter))
        {
            exporter.Dispose();
            return null;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        exporter._writer = new StreamWriter(new FileStream(fullPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite), new UTF8Encoding(false)) { AutoFlush = true };
        return new SimpleActivityExportProcessor(exporter);
    }

    /// <summary>One span as a JSON line.</summary>
    public static string ToJsonLine(Activity span)
    {
        ArgumentNullException.ThrowIfNull(span);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("traceId", span.TraceId.ToHexString());
            json.WriteString("spanId", span.SpanId.ToHexString());
            if (span.ParentSpanId != default)
            {
                json.WriteString("parentSpanId", span.ParentSpanId.ToHexString());
            }

            json.WriteString("name", span.DisplayName);
            json.WriteString("kind", span.Kind.ToString());
            json.WriteString("start", span.StartTimeUtc.ToString("O", CultureInfo.InvariantCulture));
            json.WriteNumber("durationMs", Math.Round(span.Duration.TotalMilliseconds, 3));
            json.WriteString("status", span.Status.ToString());
            if (span.StatusDescription is { Length: > 0 } description)
            {
                json.WriteString("statusDescription", description);
            }

            json.WriteStartObject("tags");
            foreach (var (key, value) in span.TagObjects)
            {
                json.WriteString(key, Convert.ToString(value, CultureInfo.InvariantCulture));
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public override ExportResult Export(in Batch<Activity> batch)
    {
        lock (_gate)
        {
            if (_writer is null)
            {
                return ExportResult.Failure;
            }

            foreach (var span in batch)
            {
                _writer.WriteLine(ToJsonLine(span));
            }
        }

        return ExportResult.Success;
    }

    protected override bool OnShutdown(int timeoutMilliseconds)
    {
        Close();
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Close();
        }

        base.Dispose(disposing);
    }

    private void Close()
    {
        lock (_gate)
        {
            _writer?.Dispose();
            _writer = null;
        }

        Open.TryRemove(new KeyValuePair<string, SpanFileExporter>(_path, this));
    }
}
