using System.Globalization;
using ModelCheck.Engine;

namespace ModelCheck.Cli;

/// <summary>
/// `test --diagnostics`: how a run used its workers and the process, printed beside the timing (and like it,
/// to stderr unless a person watches). Processor times and counts do not grow when other processes load the
/// machine, so they explain a speed-up measured elsewhere: a worker with less processor time than its wall
/// time waited (for a collection, a lock, or a core); two workers whose processor times add up to more than
/// one worker's did extra work.
/// </summary>
static class DiagnosticsLines
{
    public static void Write(TextWriter o, RunDiagnostics d, int executions)
    {
        var c = CultureInfo.InvariantCulture;
        var w = d.Workers;
        string Each<T>(Func<WorkerLoad, T> figure, Func<T, string> show) => string.Join(" / ", w.Select(l => show(figure(l))));
        string Time(TimeSpan? t) => t is { } v ? v.TotalSeconds.ToString("F2", c) + "s" : "-";
        if (w.Count > 0)
            o.WriteLine($"  workers   {w.Count}: executions {Each(l => l.Executions, n => n.ToString(c))}, parts {Each(l => l.Parts, n => n.ToString(c))}, "
                + $"cpu {Each(l => l.Cpu, Time)}, wall {Each(l => (TimeSpan?)l.Wall, Time)}");
        double perExecution = d.AllocatedBytes / 1024.0 / Math.Max(executions, 1);
        o.WriteLine(string.Format(c, "  process   cpu {0}, gc {1} gen0 / {2} gen1 / {3} gen2, paused {4}, allocated {5:F1} MB ({6:F1} KB per execution), lock contentions {7}",
            Time(d.ProcessCpu), d.Gen0Collections, d.Gen1Collections, d.Gen2Collections, Time(d.GcPause),
            d.AllocatedBytes / 1048576.0, perExecution, d.LockContentions));
    }
}
