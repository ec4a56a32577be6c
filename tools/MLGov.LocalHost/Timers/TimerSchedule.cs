using System.Globalization;
using Microsoft.Extensions.Configuration;
using NCrontab;

namespace MLGov.LocalHost.Timers;

/// <summary>
/// A timer trigger's schedule as the Functions host reads it on Flex Consumption, where the apps
/// run: an NCRONTAB expression of six fields ({second} {minute} {hour} {day} {month}
/// {day-of-week}) or five (no seconds), either one possibly behind a %AppSetting% name. The
/// TimeSpan form ("00:05:00") is refused: Azure accepts it only on an App Service plan, so a
/// schedule that would fail in Azure fails here too. Times are UTC.
/// </summary>
public sealed class TimerSchedule
{
    private readonly CrontabSchedule _cron;

    private TimerSchedule(string expression, CrontabSchedule cron)
    {
        Expression = expression;
        _cron = cron;
    }

    public string Expression { get; }

    public static TimerSchedule Parse(string schedule, IConfiguration configuration)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(schedule);
        ArgumentNullException.ThrowIfNull(configuration);
        var expression = schedule.Trim();
        if (IsSettingReference(expression))
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
            return new TimerSchedule(expression, cron);
        }

        if (TimeSpan.TryParse(expression, CultureInfo.InvariantCulture, out _))
        {
            throw new FormatException(
                $"'{expression}' is a TimeSpan schedule, which Azure Functions accepts only on an App Service plan; the apps run on Flex Consumption. Use an NCRONTAB expression.");
        }

        throw new FormatException($"'{expression}' is not an NCRONTAB expression.");
    }

    /// <summary>Whether a schedule names an app setting (%Setting%) rather than being the expression itself.</summary>
    public static bool IsSettingReference(string schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var trimmed = schedule.Trim();
        return trimmed.Length > 2 && trimmed.StartsWith('%') && trimmed.EndsWith('%');
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>.</summary>
    public DateTime GetNextOccurrence(DateTime after) => _cron.GetNextOccurrence(after);
}
