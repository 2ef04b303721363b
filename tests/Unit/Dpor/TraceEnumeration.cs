using ModelCheck.Engine;

namespace ModelCheck.Tests.Unit.Dpor;

/// <summary>
/// Every execution one exhaustive strategy runs on a small program, each canonicalised to its
/// Mazurkiewicz trace when it ran to its end (passed, or stopped by a bug), whichever way it ended:
/// a deadlock, a race or a failed assertion ends an execution before the program can record it itself.
/// Executions a reducing strategy stopped as redundant (every way on asleep) are counted apart.
/// </summary>
sealed record TraceEnumeration(int Complete, int Redundant, IReadOnlyList<string> Traces, SortedSet<BugKind> Bugs)
{
    public int DistinctTraces => Traces.Distinct().Count();

    public static TraceEnumeration Run(SmallProgram program, IStrategy strategy)
    {
        var entry = program.Build(new Observations());
        Runtime? runtime = null;
        var traces = new List<string>();
        var bugs = new SortedSet<BugKind>();
        int redundant = 0;
        while (strategy.PrepareExecution())
        {
            if (runtime is not { IsReusable: true }) runtime = new Runtime(strategy, ExecutionSettings.Default);
            var result = runtime.Execute(entry);
            if (result.Status == ExecutionStatus.Redundant) redundant++;
            else traces.Add(MazurkiewiczTrace.Of(runtime.Accesses));
            if (result.Bug is { } bug) bugs.Add(bug.Kind);
            strategy.OnExecutionEnd(result.Steps);
            if (traces.Count + redundant > 1_000_000) throw new InvalidOperationException($"{strategy.Name} did not finish {program.Name}");
        }
        return new TraceEnumeration(traces.Count, redundant, traces, bugs);
    }
}
