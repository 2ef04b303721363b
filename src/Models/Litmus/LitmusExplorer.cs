using System.Diagnostics;
using System.Text;
using ModelCheck.Engine;

namespace ModelCheck.Models.Litmus;

/// <summary>How much one litmus exploration may do: executions, seconds, and a control that stops it (Ctrl-C).</summary>
public sealed record LitmusBudget(int Executions = LitmusExplorer.ExecutionBudget, int? TimeoutSeconds = null, ExplorationControl? Control = null);

/// <summary>One final state and how many executions reached it; <see cref="Satisfies"/>: the condition holds in it.</summary>
public sealed record LitmusOutcome(string Text, int Count, bool Satisfies);

/// <summary>What exhaustive exploration of one test under one memory model found.</summary>
public sealed record LitmusResult(
    LitmusTest Test, MemoryModel Memory, LitmusVerdict Verdict, bool Complete, int Executions,
    IReadOnlyList<LitmusOutcome> Outcomes, TimeSpan Elapsed)
{
    /// <summary>The published verdict the test states for this model, if any.</summary>
    public LitmusVerdict? Expected => Test.Expected.TryGetValue(Memory, out var v) ? v : null;

    /// <summary>The verdict is the published one; an unknown verdict contradicts nothing (and is reported as unknown).</summary>
    public bool MatchesExpectation => Expected is null || Verdict == LitmusVerdict.Unknown || Expected == Verdict;
}

/// <summary>
/// Runs a litmus test on the engine: one task per thread, every interleaving, every reads-from and
/// store-buffer choice, by depth-first search to the end of the space. Each thread performs its first
/// operation in its first step and every later one in a step of its own, so a thread of k operations
/// takes k steps; the main task only sets up and spawns. The outcome is read by a monitor once every task
/// has finished (under tso, after the buffers have drained). Race detection is off: litmus tests study
/// which values loads may see, and plain accesses in them are races by design.
/// </summary>
public static class LitmusExplorer
{
    /// <summary>Executions after which exploration stops and reports itself incomplete; far above any catalogue test.</summary>
    public const int ExecutionBudget = 10_000_000;

    public static LitmusResult Run(LitmusTest test, MemoryModel memory) => Run(test, memory, new LitmusBudget());

    /// <summary>Explores within <paramref name="budget"/>; a cut-short exploration with no satisfying execution is <see cref="LitmusVerdict.Unknown"/>.</summary>
    public static LitmusResult Run(LitmusTest test, MemoryModel memory, LitmusBudget budget)
    {
        var counts = new SortedDictionary<string, (int Count, bool Satisfies)>(StringComparer.Ordinal);
        var scenario = ScenarioFor(test, memory, (text, satisfies) =>
        {
            var seen = counts.GetValueOrDefault(text);
            counts[text] = (seen.Count + 1, satisfies);
        }, failWhenSatisfied: false);
        var clock = Stopwatch.StartNew();
        var report = Explorer.Explore(scenario, Configuration(memory, budget), stop: budget.Control);
        if (report.Bugs.Count > 0)
            throw new InvalidOperationException($"litmus test '{test.Name}' failed under {memory.ToName()}: {report.Bugs[0].Bug.Message}");
        var outcomes = counts.Select(c => new LitmusOutcome(c.Key, c.Value.Count, c.Value.Satisfies)).ToList();
        var verdict = outcomes.Any(o => o.Satisfies) ? LitmusVerdict.Allowed
            : report.Complete ? LitmusVerdict.Forbidden
            : LitmusVerdict.Unknown;
        return new LitmusResult(test, memory, verdict, report.Complete, report.Executions, outcomes, clock.Elapsed);
    }

    /// <summary>
    /// One execution that satisfies the condition, replayed with every step recorded (which store each
    /// load read, which stores sat in a buffer), or null when no execution does.
    /// </summary>
    public static ReplayResult? Explain(LitmusTest test, MemoryModel memory)
    {
        var scenario = ScenarioFor(test, memory, null, failWhenSatisfied: true);
        var report = Explorer.Explore(scenario, Configuration(memory, new LitmusBudget()));
        if (report.Bugs.Count == 0 || report.Bugs[0].Bug.Kind != BugKind.MonitorViolation) return null;
        return Replayer.Replay(scenario, TraceFile.From(report, report.Bugs[0]));
    }

    static TestConfiguration Configuration(MemoryModel memory, LitmusBudget budget) => new()
    {
        Strategy = StrategyKind.Dfs,
        Iterations = budget.Executions,
        TimeoutSeconds = budget.TimeoutSeconds,
        Execution = new ExecutionSettings { Memory = memory, RaceDetection = false },
    };

    /// <summary>
    /// The test as a scenario. <paramref name="observe"/> gets each execution's outcome; with
    /// <paramref name="failWhenSatisfied"/> an outcome satisfying the condition is a monitor violation,
    /// which makes exploration stop at the first witness and write it as a trace.
    /// </summary>
    public static Scenario ScenarioFor(LitmusTest test, MemoryModel memory, Action<string, bool>? observe, bool failWhenSatisfied)
    {
        var file = "litmus/" + test.Name;
        var sites = test.Threads.Select((ops, t) => ops.Select((_, i) => $"P{t}[{i}]").ToArray()).ToArray();
        return new(file, test.ConditionText, failWhenSatisfied ? BugKind.MonitorViolation : BugKind.None, rt =>
        {
            var cells = new Cell<int>[test.Locations.Count];
            for (int i = 0; i < cells.Length; i++) cells[i] = rt.NewCell(test.Locations[i], test.Initial[i]);
            var registers = new int[test.Registers.Count];
            rt.AddMonitor(new OutcomeMonitor(test, cells, registers, observe, failWhenSatisfied));
            for (int t = 0; t < test.Threads.Count; t++)
            {
                var ops = test.Threads[t];
                var at = sites[t];
                rt.Spawn(() => RunThread(rt, file, at, ops, cells, registers), $"P{t}");
            }
            return Task.CompletedTask;
        })
        { Memory = memory, RaceDetection = false };
    }

    /// <summary>
    /// Runs one thread. Each instruction is its own access site (`modelcheck orders` weakens them one at a
    /// time): the site is the test, "litmus/NAME", and the instruction, "P1[0]", not this interpreter's lines.
    /// </summary>
    static async Task RunThread(Runtime rt, string file, string[] sites, IReadOnlyList<LitmusOp> ops, Cell<int>[] cells, int[] registers)
    {
        for (int i = 0; i < ops.Count; i++)
        {
            var op = ops[i];
            var at = sites[i];
            int result;
            if (i == 0 && op.Kind != LitmusOpKind.Fence)
            {
                result = op.Kind switch
                {
                    LitmusOpKind.Load => cells[op.Location].Get(op.Order, file, 0, at),
                    LitmusOpKind.FetchAdd => cells[op.Location].FetchAddNow(op.Value, op.Order, file, 0, at),
                    LitmusOpKind.Exchange => cells[op.Location].ExchangeNow(op.Value, op.Order, file, 0, at),
                    _ => Store(cells[op.Location], op, file, at),
                };
            }
            else
            {
                result = op.Kind switch
                {
                    LitmusOpKind.Load => await cells[op.Location].Load(op.Order, file, 0, at),
                    LitmusOpKind.FetchAdd => await cells[op.Location].FetchAdd(op.Value, op.Order, file, 0, at),
                    LitmusOpKind.Exchange => await cells[op.Location].Exchange(op.Value, op.Order, file, 0, at),
                    LitmusOpKind.Store => await StoreAsync(cells[op.Location], op, file, at),
                    _ => await FenceAsync(rt, op, file, at),
                };
            }
            if (op.Register >= 0) registers[op.Register] = result;
        }
    }

    static int Store(Cell<int> cell, LitmusOp op, string file, string at)
    {
        cell.Set(op.Value, op.Order, file, 0, at);
        return 0;
    }

    static async Task<int> StoreAsync(Cell<int> cell, LitmusOp op, string file, string at)
    {
        await cell.Store(op.Value, op.Order, file, 0, at);
        return 0;
    }

    static async Task<int> FenceAsync(Runtime rt, LitmusOp op, string file, string at)
    {
        await rt.Fence(op.Order, file, 0, at);
        return 0;
    }

    /// <summary>Reads the final registers and memory once every thread has finished.</summary>
    sealed class OutcomeMonitor(LitmusTest test, Cell<int>[] cells, int[] registers, Action<string, bool>? observe, bool failWhenSatisfied) : IMonitor
    {
        public string Name => "litmus";

        public string? CheckAtEnd()
        {
            var finals = new int[cells.Length];
            for (int i = 0; i < cells.Length; i++) finals[i] = cells[i].Peek();
            bool satisfies = test.Holds(registers, finals);
            observe?.Invoke(Describe(finals), satisfies);
            return failWhenSatisfied && satisfies ? $"the outcome {Describe(finals)} satisfies exists ({test.ConditionText})" : null;
        }

        string Describe(int[] finals)
        {
            var text = new StringBuilder();
            for (int r = 0; r < registers.Length; r++) text.Append(r == 0 ? "" : "; ").Append(test.Registers[r]).Append('=').Append(registers[r]);
            foreach (int location in test.FinalLocations)
                text.Append(text.Length == 0 ? "" : "; ").Append(test.Locations[location]).Append('=').Append(finals[location]);
            return text.ToString();
        }
    }
}
