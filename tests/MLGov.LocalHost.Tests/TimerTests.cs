using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using MLGov.LocalHost.Tests.SampleApp;
using MLGov.LocalHost.Timers;
using MLGov.Testing;

namespace MLGov.LocalHost.Tests;

public sealed class TimerTests
{
    private static readonly IConfiguration Settings =
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["NightlySchedule"] = "0 0 3 * * *", ["TimeSpanSchedule"] = "01:00:00" }).Build();

    private static readonly DateTimeOffset TenOClock = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Timers_fire_on_their_schedule_and_run_on_startup_is_honoured()
    {
        var counter = new TickCounter();
        await using var host = await StartAsync(counter, enableTimers: true);

        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (counter.Ticks.Count(t => t.Function == "EverySecond") < 3 && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var everySecond = counter.Ticks.Where(t => t.Function == "EverySecond").ToList();
        Assert.True(everySecond.Count >= 3, $"EverySecond fired {everySecond.Count} times in 30 s");
        Assert.All(everySecond, t => Assert.False(t.Info.IsPastDue));
        Assert.All(everySecond, t => Assert.True(t.Info.ScheduleStatus!.Next > t.Info.ScheduleStatus.LastUpdated));
        // Consecutive firings are whole seconds apart, as the schedule says.
        Assert.All(everySecond.Zip(everySecond.Skip(1)), pair => Assert.True(pair.Second.At - pair.First.At >= TimeSpan.FromMilliseconds(500)));

        var nightly = Assert.Single(counter.Ticks, t => t.Function == "Nightly");
        Assert.Equal(3, nightly.Info.ScheduleStatus!.Next.Hour);
    }

    [Fact]
    public async Task Without_timers_nothing_fires_until_the_admin_endpoint_is_called_with_the_master_key()
    {
        var counter = new TickCounter();
        await using var host = await StartAsync(counter, enableTimers: false);
        using var client = new HttpClient { BaseAddress = host.BaseAddress };

        await Task.Delay(1500);
        Assert.Empty(counter.Ticks);

        using var noKey = await client.PostAsync(new Uri("admin/functions/EverySecond", UriKind.Relative), null);
        using var hostKey = await client.PostAsync(new Uri($"admin/functions/EverySecond?code={SampleHostFixture.HostKey}", UriKind.Relative), null);
        using var unknown = await client.PostAsync(new Uri($"admin/functions/Nope?code={SampleHostFixture.MasterKey}", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, hostKey.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Empty(counter.Ticks);

        using var accepted = await client.PostAsync(new Uri($"admin/functions/EverySecond?code={SampleHostFixture.MasterKey}", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(10);
        while (counter.Ticks.IsEmpty && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal("EverySecond", Assert.Single(counter.Ticks).Function);
    }

    [Fact]
    public async Task The_apps_hosted_services_start_with_the_host_and_stop_with_it()
    {
        var probe = new LifecycleProbe();
        var host = await LocalFunctionsHost.StartAsync(
            [SampleAppDefinition.Create(new TickCounter(), probe)], Settings, new LocalHostOptions { Port = 0, EnableTimers = false }, NullLoggerFactory.Instance, CancellationToken.None);

        Assert.True(probe.Started);
        Assert.False(probe.Stopped);
        await host.DisposeAsync();
        Assert.True(probe.Stopped);
    }

    [Theory]
    [InlineData("0 */5 * * * *", "2026-01-01T10:02:30Z", "2026-01-01T10:05:00Z")]
    [InlineData("*/10 * * * *", "2026-01-01T10:02:30Z", "2026-01-01T10:10:00Z")]
    [InlineData("0 30 9 * * 1-5", "2026-01-02T10:00:00Z", "2026-01-05T09:30:00Z")]
    [InlineData("%NightlySchedule%", "2026-01-01T10:00:00Z", "2026-01-02T03:00:00Z")]
    public void Schedules_are_read_as_the_functions_host_reads_them(string schedule, string after, string expected)
    {
        var next = TimerSchedule.Parse(schedule, Settings).GetNextOccurrence(DateTime.Parse(after, null, System.Globalization.DateTimeStyles.AdjustToUniversal));
        Assert.Equal(DateTime.Parse(expected, null, System.Globalization.DateTimeStyles.AdjustToUniversal), next);
    }

    [Theory]
    [InlineData("every minute")]
    [InlineData("61 * * * * *")]
    [InlineData("%MissingSetting%")]
    [InlineData("-00:05:00")]
    [InlineData("00:05:00")]
    [InlineData("%TimeSpanSchedule%")]
    public void Invalid_schedules_are_refused_at_start(string schedule)
    {
        Assert.ThrowsAny<Exception>(() => TimerSchedule.Parse(schedule, Settings));
    }

    [Fact]
    public async Task A_late_run_is_not_past_due_but_a_missed_occurrence_is_reported_once()
    {
        var counter = new TickCounter();
        var clock = new ManualClock(TenOClock);
        await using var host = await StartAsync(counter, enableTimers: true, clock);
        await WakeUpArmedAsync(clock, TenOClock.AddHours(1));

        // 1.5 s after 11:00, with the next occurrence (12:00) still ahead: late, not missed.
        clock.AdvanceTo(TenOClock.AddHours(1).AddSeconds(1.5));
        var late = await GatedTickAsync(counter, 1);
        await WakeUpArmedAsync(clock, TenOClock.AddHours(2));

        // Woken at 14:30 while waiting for 12:00: 12:00, 13:00 and 14:00 were missed, and the
        // function runs once, past due, as the Functions host runs a missed schedule after downtime.
        clock.AdvanceTo(TenOClock.AddHours(4.5));
        var missed = await GatedTickAsync(counter, 2);
        await WakeUpArmedAsync(clock, TenOClock.AddHours(5));

        Assert.False(late.Info.IsPastDue);
        Assert.True(missed.Info.IsPastDue);
        Assert.Equal(2, counter.Ticks.Count(t => t.Function == "Gated"));
    }

    [Fact]
    public async Task A_manual_run_waits_for_the_scheduled_run_in_progress()
    {
        var counter = new TickCounter();
        var clock = new ManualClock(TenOClock);
        using var gate = TimerGate.Closed();
        await using var host = await LocalFunctionsHost.StartAsync(
            [SampleAppDefinition.Create(counter, gate: gate)], Settings, new LocalHostOptions { Port = 0, EnableTimers = true, Time = clock }, NullLoggerFactory.Instance, CancellationToken.None);
        await WakeUpArmedAsync(clock, TenOClock.AddHours(1));
        clock.AdvanceTo(TenOClock.AddHours(1));
        await Eventually.TrueAsync(() => Task.FromResult(gate.Entered == 1), "the scheduled run entering the function");

        // The manual run starts while the scheduled one is inside the function (held by the gate).
        var manual = host.TriggerAsync("Gated", CancellationToken.None);
        var enteredWhileHeld = gate.Entered;
        gate.Release(2);
        await manual;

        Assert.Equal(1, enteredWhileHeld);
        Assert.Equal(2, gate.Entered);
        Assert.Equal(1, gate.MostInsideAtOnce);
    }

    private static async Task WakeUpArmedAsync(ManualClock clock, DateTimeOffset at) =>
        await Eventually.TrueAsync(() => Task.FromResult(clock.WakeUps.Contains(at)), $"a timer armed for {at:O}");

    private static async Task<(string Function, Microsoft.Azure.Functions.Worker.TimerInfo Info, DateTimeOffset At)> GatedTickAsync(TickCounter counter, int count)
    {
        await Eventually.TrueAsync(() => Task.FromResult(counter.Ticks.Count(t => t.Function == "Gated") >= count), $"Gated run {count}");
        return counter.Ticks.Where(t => t.Function == "Gated").ElementAt(count - 1);
    }

    private static Task<LocalFunctionsHost> StartAsync(TickCounter counter, bool enableTimers, TimeProvider? time = null) =>
        LocalFunctionsHost.StartAsync(
            [SampleAppDefinition.Create(counter)],
            Settings,
            new LocalHostOptions { Port = 0, EnableTimers = enableTimers, Time = time ?? TimeProvider.System, Keys = new FunctionKeys { Master = SampleHostFixture.MasterKey, Host = { ["default"] = SampleHostFixture.HostKey } } },
            NullLoggerFactory.Instance,
            CancellationToken.None);
}
