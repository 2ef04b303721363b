using System.CommandLine;
using System.Globalization;
using ModelCheck.Engine;
using ModelCheck.Maps;

namespace ModelCheck.Cli.Commands;

/// <summary>
/// `modelcheck bench`: single-threaded engine throughput (median of several runs) and the managed heap
/// after many executions, which must stay flat. Figures, not assertions: these machines are noisy.
/// </summary>
public static class BenchCommand
{
    public static Command Create(ConsoleOutput console)
    {
        var executions = new Option<int>("--executions") { Description = "executions per run", DefaultValueFactory = _ => 200_000 };
        var mapExecutions = new Option<int>("--map-executions") { Description = "executions per run of the map scenarios (each costs tens of toy executions)", DefaultValueFactory = _ => 10_000 };
        var runs = new Option<int>("--runs") { Description = "runs per workload; the median is reported", DefaultValueFactory = _ => 5 };
        // Not --memory: everywhere else that takes a memory model (sc, tso, ra).
        var heap = new Option<bool>("--heap") { Description = "also report the heap after 100,000 and 1,000,000 executions", DefaultValueFactory = _ => true };
        var engine = new Option<bool>("--engine") { Description = "measure engine throughput", DefaultValueFactory = _ => true };
        var linearizability = new Option<bool>("--linearizability") { Description = "measure the linearizability checker on 1,000-operation register histories", DefaultValueFactory = _ => true };
        var litmus = new Option<bool>("--litmus") { Description = "measure exhaustive litmus exploration (SB, IRIW) under each memory model", DefaultValueFactory = _ => true };
        var coyote = new Option<bool>("--coyote") { Description = "compare our engine with Coyote's on the same scenarios (executions/s, executions to the first bug)", DefaultValueFactory = _ => true };
        var allocations = new Option<int>("--allocations") { Description = "also list the N types each measured workload allocates most bytes of (the runtime's allocation samples)", DefaultValueFactory = _ => 0 };
        var only = new Argument<string[]>("workloads") { Description = "measure only these engine workloads (names as the table prints them; default: all)", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("bench", "measure the engine's speed and memory, the linearizability checker and litmus exploration") { only, executions, mapExecutions, runs, allocations, heap, engine, linearizability, litmus, coyote };
        command.SetAction(parse =>
        {
            int perRun = parse.GetValue(executions), perMapRun = parse.GetValue(mapExecutions), count = parse.GetValue(runs);
            if (perRun < 1 || perMapRun < 1 || count < 1) throw new UsageException("--executions, --map-executions and --runs must be positive");
            int topTypes = parse.GetValue(allocations);
            if (topTypes < 0) throw new UsageException("--allocations must not be negative");
            var catalog = ScenarioCatalog.Discover(MapsAssembly.Assembly);
            var racy = catalog.Find("engine/racy-counter")!;
            var toys = new[]
            {
                racy,
                // The same program without the race detector: what detection costs on the hot path.
                new Scenario(racy.Name + " -races", racy.Description, racy.Expected, racy.Entry) { RaceDetection = false },
                new Scenario("bench/three-tasks", "3 tasks, 8 locked increments each: about 100 steps", BugKind.None, ThreeTasks),
            };
            var workloads = toys.Concat(MapWorkloads.Select(name => catalog.Find(name)!)).ToArray();
            var chosen = parse.GetValue(only) ?? [];
            if (chosen.FirstOrDefault(name => workloads.All(w => w.Name != name)) is { } unknown)
                throw new UsageException($"no bench workload is named '{unknown}'");
            var o = console.Out;
            if (parse.GetValue(linearizability)) LinearizabilityBench.Run(o, count);
            if (parse.GetValue(litmus)) LitmusBench.Run(o, count);
            if (parse.GetValue(coyote)) CoyoteBench.Run(o, catalog, ourExecutions: 100_000, coyoteExecutions: 1_000);
            if (!parse.GetValue(engine)) return CommandLine.Ok;
            o.WriteLine($"bench: single-threaded, random strategy, {count} runs of {perRun} executions each ({perMapRun} for the map scenarios) after an untimed tenth of a run to warm up, median");
            // Wall-clock rates drop when other processes share the cores; the rate per CPU second does not.
            o.WriteLine($"{"workload",-32}{"executions/s",14}{"steps/s",14}{"steps/cpu-s",14}{"steps/execution",17}{"bytes/execution",17}");
            // Runs of the workloads alternate, so a change in the machine's load hits them alike and the
            // with/without race detection rows stay comparable.
            var runsOf = workloads.Select(_ => new List<Measured>()).ToArray();
            // An untimed tenth of a run of each first: the JIT compiles and tiers up the hot paths (its thread's
            // processor time would otherwise count in the first run's steps per CPU-second).
            for (int w = 0; w < workloads.Length; w++)
                if (chosen.Length == 0 || chosen.Contains(workloads[w].Name))
                    Measure(workloads[w], Math.Max(1, (w < toys.Length ? perRun : perMapRun) / 10), 99);
            for (int run = 0; run < count; run++)
                for (int w = 0; w < workloads.Length; w++)
                    if (chosen.Length == 0 || chosen.Contains(workloads[w].Name))
                        runsOf[w].Add(Timed(workloads[w], w < toys.Length ? perRun : perMapRun, (ulong)run));
            foreach (var (workload, runsMeasured) in workloads.Zip(runsOf))
            {
                if (runsMeasured.Count == 0) continue;
                var (median, cpu, allocated) = runsMeasured.OrderBy(r => r.Report.StepsPerSecond).ElementAt(count / 2);
                o.WriteLine($"{workload.Name,-32}{median.ExecutionsPerSecond,14:N0}{median.StepsPerSecond,14:N0}{median.Steps / Math.Max(cpu.TotalSeconds, 1e-9),14:N0}{(double)median.Steps / median.Executions,17:F1}{allocated / median.Executions,17:N0}");
            }
            if (topTypes > 0)
            {
                using var sampler = new AllocationSampler();
                for (int w = 0; w < workloads.Length; w++)
                {
                    if (runsOf[w].Count == 0) continue;
                    Measure(workloads[w], w < toys.Length ? perRun : perMapRun, 0);
                    // The runtime delivers its samples in batches, about once a second.
                    System.Threading.Thread.Sleep(TimeSpan.FromSeconds(2));
                    o.WriteLine($"allocations: {workloads[w].Name}, share of sampled bytes:");
                    foreach (var (type, share) in sampler.TakeTop(topTypes)) o.WriteLine($"  {share,6:P1}  {type}");
                }
            }
            if (parse.GetValue(heap))
            {
                Measure(racy, 100_000, 7);
                long after100k = Heap();
                Measure(racy, 1_000_000, 8);
                long after1m = Heap();
                o.WriteLine($"memory: {racy.Name}: managed heap {Megabytes(after100k)} after 100,000 executions, {Megabytes(after1m)} after 1,000,000");
            }
            return CommandLine.Ok;
        });
        return command;
    }

    /// <summary>
    /// One correct scenario of each map family, with its monitors and linearizability checks on, as the main
    /// job runs it: what a step of a real workload costs beside the toy ones.
    /// </summary>
    static readonly string[] MapWorkloads =
        [
            "gomap/mid-grow/faithful", "syncmap/correct/conditional", "chm/correct/three-tasks", "gomap/locked/mutex",
            "swissmap/locked/mutex-small", "hashtriemap/correct/conditional",
        ];

    static ExplorationReport Measure(Scenario scenario, int executions, ulong seed) =>
        Explorer.Explore(scenario, new TestConfiguration { Iterations = executions, Seed = seed, AllBugs = true });

    /// <summary>A measured run, the processor time the process spent on it and the bytes it allocated (the run is single-threaded).</summary>
    readonly record struct Measured(ExplorationReport Report, TimeSpan Cpu, long Allocated);

    static Measured Timed(Scenario scenario, int executions, ulong seed)
    {
        var before = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var report = Measure(scenario, executions, seed);
        return new Measured(report, System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - before,
            GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore);
    }

    static long Heap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    static string Megabytes(long bytes) => (bytes / 1048576.0).ToString("F2", CultureInfo.InvariantCulture) + " MB";

    static async Task ThreeTasks(Runtime rt)
    {
        var counter = rt.NewCell("counter", 0);
        var mu = rt.NewMutex("mu");
        var tasks = new TaskHandle[3];
        for (int t = 0; t < tasks.Length; t++)
            tasks[t] = rt.Spawn(async () =>
            {
                for (int i = 0; i < 8; i++)
                {
                    await mu.Lock();
                    int seen = await counter.Load(MemoryOrder.Plain);
                    await counter.Store(seen + 1, MemoryOrder.Plain);
                    await mu.Unlock();
                }
            });
        foreach (var task in tasks) await task.Join();
        rt.Assert(counter.Peek() == 24, "a locked increment was lost");
    }
}
