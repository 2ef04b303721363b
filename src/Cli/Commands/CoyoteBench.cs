using ModelCheck.Coyote;
using ModelCheck.Engine;

namespace ModelCheck.Cli.Commands;

/// <summary>
/// The two-engine part of `modelcheck bench`: our engine and Coyote's TestingEngine (in this process) on
/// the same scenarios under the settings both support (sc, no race detection, random strategy), in one
/// run: executions per second over a fixed budget that keeps going after bugs, and executions to the
/// first bug as the median over 21 seeds spread far apart (Coyote's consecutive seeds are correlated).
/// </summary>
static class CoyoteBench
{
    // The racy counter and one scenario per map family; the wrapped maps have no applicable seeded bug.
    static readonly string[] Scenarios =
        ["engine/racy-counter", "chm/J-2", "gomap/misuse/two-writers", "syncmap/S-2", "gomap/locked/mutex"];

    const int Seeds = 21;
    const int BugBudget = 2000;

    public static void Run(TextWriter o, ScenarioCatalog catalog, int ourExecutions, int coyoteExecutions)
    {
        o.WriteLine($"bench: both engines, sc without race detection, random strategy; executions/s over {ourExecutions:N0} (ours) "
            + $"and {coyoteExecutions:N0} (Coyote) executions after an untimed tenth as many to warm up; executions to the first bug: median over {Seeds} seeds, at most {BugBudget:N0} each");
        // Ours twice: on one thread, and on the workers `modelcheck test` uses by default (one per core), since
        // Coyote too runs its controlled tasks on pool threads (about 1.35 cores' worth on two). Per CPU-second
        // too: on a loaded machine the wall-clock rates depend on the share of a core each engine got.
        int workers = Environment.ProcessorCount;
        o.WriteLine($"ours on {workers} workers: {workers} threads exploring one budget, as `modelcheck test` does by default on this machine");
        o.WriteLine($"{"scenario",-28}{"ours exec/s",13}{$"ours {workers}w exec/s",17}{"Coyote exec/s",15}{"ratio",9}{$"ratio {workers}w",10}"
            + $"{"ours exec/cpu-s",17}{"Coyote exec/cpu-s",19}{"ratio",9}{"ours to bug",13}{"Coyote to bug",15}{"ratio",8}");
        var settings = new ExecutionSettings { Memory = MemoryModel.Sc, RaceDetection = false };
        foreach (var name in Scenarios)
        {
            var scenario = catalog.Find(name)!;
            // Both engines warm up first, untimed (the JIT compiles and tiers up their hot paths): the rates
            // are those of a long test run, not of the first second of a process.
            Explorer.Explore(scenario, new TestConfiguration { Iterations = Math.Max(1, ourExecutions / 10), Seed = 2, AllBugs = true, Execution = settings });
            CoyoteExplorer.Run(() => CoyoteScenario.Run(scenario), Math.Max(1, coyoteExecutions / 10), 2, toCompletion: true);
            // Each timed run starts from a collected heap, so neither engine pays for the other's garbage
            // (in one process, a collection of Coyote's warm-up leftovers fell inside our 0.5 s window).
            Settle();
            var cpu = ProcessorTime();
            var ours = Explorer.Explore(scenario, new TestConfiguration { Iterations = ourExecutions, Seed = 1, AllBugs = true, Execution = settings });
            var ourCpu = ProcessorTime() - cpu;
            Settle();
            var parallel = Explorer.Explore(scenario, new TestConfiguration { Iterations = ourExecutions, Seed = 1, AllBugs = true, Execution = settings, Workers = workers });
            Settle();
            cpu = ProcessorTime();
            var theirs = CoyoteExplorer.Run(() => CoyoteScenario.Run(scenario), coyoteExecutions, 1, toCompletion: true);
            var theirCpu = ProcessorTime() - cpu;
            double ourRate = ours.ExecutionsPerSecond, theirRate = theirs.Iterations / Math.Max(theirs.Elapsed.TotalSeconds, 1e-9);
            double ourCpuRate = ours.Executions / Math.Max(ourCpu.TotalSeconds, 1e-9), theirCpuRate = theirs.Iterations / Math.Max(theirCpu.TotalSeconds, 1e-9);
            string ourToBug = "-", theirToBug = "-", bugRatio = "-";
            if (scenario.Expected != BugKind.None)
            {
                var ourMedian = Median(SpreadSeeds().Select(seed =>
                {
                    var report = Explorer.Explore(scenario, new TestConfiguration { Iterations = BugBudget, Seed = seed, Execution = settings });
                    return report.Bugs.Count > 0 ? report.Bugs[0].Iteration : int.MaxValue;
                }));
                var theirMedian = Median(SpreadSeeds().Select(seed =>
                {
                    var verdict = CoyoteExplorer.Explore(scenario, BugBudget, (uint)seed);
                    return verdict.Kind is null || verdict.Kind == BugKind.None ? int.MaxValue : verdict.Iterations;
                }));
                ourToBug = Show(ourMedian);
                theirToBug = Show(theirMedian);
                bugRatio = ourMedian == int.MaxValue || theirMedian == int.MaxValue ? "-" : $"{(double)theirMedian / ourMedian:F1}x";
            }
            double parallelRate = parallel.ExecutionsPerSecond;
            o.WriteLine($"{name,-28}{ourRate,13:N0}{parallelRate,17:N0}{theirRate,15:N0}{ourRate / Math.Max(theirRate, 1e-9),8:N0}x{parallelRate / Math.Max(theirRate, 1e-9),9:N0}x"
                + $"{ourCpuRate,17:N0}{theirCpuRate,19:N0}{ourCpuRate / Math.Max(theirCpuRate, 1e-9),8:N0}x{ourToBug,13}{theirToBug,15}{bugRatio,8}");
        }
    }

    /// <summary>The processor time of the whole process: Coyote runs its tasks on pool threads, ours on this one.</summary>
    static TimeSpan ProcessorTime() => System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;

    static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    /// <summary>21 seeds a golden-ratio stride apart in the 32-bit range, so no two are neighbours.</summary>
    static IEnumerable<ulong> SpreadSeeds() =>
        Enumerable.Range(0, Seeds).Select(i => (ulong)(uint)(1 + (long)i * 0x9E3779B1L));

    static int Median(IEnumerable<int> values) => values.Order().ElementAt(Seeds / 2);

    static string Show(int executions) => executions == int.MaxValue ? $">{BugBudget}" : executions.ToString("N0");
}
