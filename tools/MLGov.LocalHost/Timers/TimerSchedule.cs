using System.Globalization;
using Microsoft.Extensions.Configuration;
using NCrontab;

namespace MLGov.LocalHost.Timers;

/// <summary>
/// A timer trigger's schedule as the Functions host reads it: an NCRONTAB expression of six
/// fields ({second} {minute} {hour} {day} {month} {day-of-week}) or five (no seconds), a
/// TimeSpan ("00:05:00", every five minutes), or either one behind a %AppSetting% name.
/// Times are UTC.
/// </summary>
public sealed class TimerSchedule
{
    private readonly CrontabSchedule? _cron;
    private readonly TimeSpan? _interval;

    private TimerSchedule(string expression, CrontabSchedule? cron, TimeSpan? interval)
    {
        Expression = expression;
        _cron = cron;
        _interval = interval;
    }

    public string Expression { get; }

    public static TimerSchedule Parse(string schedule, IConfiguration configuration)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(schedule);
        ArgumentNullException.ThrowIfNull(configuration);
        var expression = schedule.Trim();
        if (expression.Length > 2 && expression.StartsWith('%') && expression.EndsWith('%'))
        {
            var setting = expression[1..^1];
            expression = configuration[setting]
                ?? throw new InvalidOperationException($"The timer schedule refers to app setting '{setting}', which is not set.");
        }

        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length is 5 or 6)
        {
            var cron = CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = fields.Length == 6 })
                ?? throw new FormatException($"'{expression}' is not a valid NCRONTAB expression.");
            return new TimerSchedule(expression, cron, null);
        }

        if (TimeSpan.TryParse(expression, CultureInfo.InvariantCulture, out var interval) && interval > TimeSpan.Zero)
        {
            return new TimerSchedule(expression, null, interval);
        }

        throw new FormatException($"'{expression}' is neither an NCRONTAB expression nor a positive TimeSpan.");
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>.</summary>
    public DateTime GetNextOccurrence(DateTime after) =>
        _cron is not null ? _cron.GetNextOccurrence(after) : after + _interval!.Value;
}
