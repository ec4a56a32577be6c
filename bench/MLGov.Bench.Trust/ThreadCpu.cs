using System.Diagnostics;
using System.Runtime.InteropServices;

namespace MLGov.Bench.Trust;

/// <summary>
/// Processor time of the calling thread. On Linux it comes from clock_gettime(CLOCK_THREAD_CPUTIME_ID) in nanoseconds;
/// the process's TotalProcessorTime there counts clock ticks of 10 ms, far coarser than one batch of verifications, and
/// adds the runtime's own threads (JIT, GC). Elsewhere the process time is the fallback.
/// </summary>
internal static partial class ThreadCpu
{
    private const int ClockThreadCpuTimeId = 3;

    public static double Microseconds()
    {
        if (OperatingSystem.IsLinux() && clock_gettime(ClockThreadCpuTimeId, out var time) == 0)
        {
            return (time.Seconds * 1e6) + (time.Nanoseconds / 1e3);
        }

        return Process.GetCurrentProcess().TotalProcessorTime.TotalMicroseconds;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", SetLastError = false)]
    private static partial int clock_gettime(int clockId, out TimeSpec time);
}
