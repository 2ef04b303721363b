using System.Runtime.InteropServices;

namespace ModelCheck.Engine;

/// <summary>
/// The processor time the calling thread has used, where the operating system tells it (Linux, through
/// clock_gettime(CLOCK_THREAD_CPUTIME_ID)); null elsewhere. .NET has no portable per-thread figure, and a
/// worker's processor time, unlike its wall time, does not grow when other processes share the cores: it is
/// what shows whether a worker ran slower (more processor time for its share) or waited (less).
/// </summary>
static class ThreadClock
{
    const int ThreadCpuTime = 3; // CLOCK_THREAD_CPUTIME_ID on Linux

    [StructLayout(LayoutKind.Sequential)]
    struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    static extern int ClockGetTime(int clock, out TimeSpec time);

    public static TimeSpan? Now()
    {
        if (!OperatingSystem.IsLinux()) return null;
        try
        {
            return ClockGetTime(ThreadCpuTime, out var t) == 0 ? TimeSpan.FromTicks(t.Seconds * TimeSpan.TicksPerSecond + t.Nanoseconds / 100) : null;
        }
        catch (DllNotFoundException)
        {
            return null;
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }
    }
}
