using Microsoft.Coyote;
using Microsoft.Coyote.SystematicTesting;
using ModelCheck.Engine;

namespace ModelCheck.Coyote;

/// <summary>
/// Explores a scenario with Coyote's TestingEngine in this process (what `coyote test` does, without
/// rewriting: our primitives talk to Coyote directly). Used by the differential tests and by `bench`.
/// </summary>
public static class CoyoteExplorer
{
    /// <summary>
    /// Runs up to <paramref name="iterations"/> Coyote iterations of <paramref name="scenario"/> with
    /// Coyote's random strategy and <paramref name="seed"/>, stopping at the first bug.
    /// </summary>
    public static CoyoteVerdict Explore(Scenario scenario, int iterations, uint seed, int maxSteps = 10_000, int? priorityChanges = null)
    {
        if (HostedExecution.WhyNotApplicable(scenario) is { } reason)
            throw new ScenarioException($"scenario '{scenario.Name}' does not apply under Coyote: {reason}");
        Choice[]? schedule = null;
        Bug? found = null;
        var verdict = Run(() => CoyoteScenario.Run(scenario, (bug, choices) => (found, schedule) = (bug, choices)), iterations, seed, maxSteps, priorityChanges);
        if (found is null || schedule is null || verdict.Kind is null) return verdict;
        var trace = new TraceFile(scenario.Name, new ExecutionSettings { Memory = MemoryModel.Sc, RaceDetection = false, MaxSteps = maxSteps },
            new TraceOrigin(priorityChanges is null ? "coyote-random" : "coyote-prioritization", priorityChanges, seed, verdict.Iterations), schedule, found);
        return verdict with { Schedule = trace };
    }

    /// <summary>
    /// Runs the Coyote test <paramref name="test"/> for up to <paramref name="iterations"/> iterations, stopping
    /// at the first bug unless <paramref name="toCompletion"/> (for throughput figures).
    /// </summary>
    public static CoyoteVerdict Run(Action test, int iterations, uint seed, int maxSteps = 10_000, int? priorityChanges = null, bool toCompletion = false)
    {
        var configuration = Configuration.Create()
            .WithTestingIterations((uint)iterations)
            .WithRandomGeneratorSeed(seed)
            .WithMaxSchedulingSteps((uint)maxSteps)
            .WithTelemetryEnabled(false)
            .WithTestIterationsRunToCompletion(toCompletion);
        // Coyote's random walk, or its PCT-like prioritization with the given number of priority changes.
        configuration = priorityChanges is { } changes
            ? configuration.WithPrioritizationStrategy(false, (uint)changes)
            : configuration.WithRandomStrategy();
        using var engine = TestingEngine.Create(configuration, test);
        // Coyote narrates every iteration on the console; the caller prints what matters.
        engine.SetLogger(new Microsoft.Coyote.Logging.TextWriterLogger(TextWriter.Null, Microsoft.Coyote.Logging.VerbosityLevel.None));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        engine.Run();
        clock.Stop();
        var report = engine.TestReport;
        int explored = report.NumOfExploredFairPaths + report.NumOfExploredUnfairPaths;
        string? bug = report.BugReports.FirstOrDefault();
        return new CoyoteVerdict(bug is null ? BugKind.None : CoyoteBugText.KindOf(bug), bug, explored,
            bug is null ? "" : engine.ReadableTrace, clock.Elapsed);
    }
}

/// <summary>
/// What Coyote found: the kind of our bug it reported (null for a bug that is not ours, such as a
/// deadlock Coyote detected itself), its report, the iterations run (the last one found the bug), the
/// readable trace of the failing iteration, and the wall-clock time.
/// </summary>
public sealed record CoyoteVerdict(BugKind? Kind, string? Report, int Iterations, string Trace, TimeSpan Elapsed)
{
    /// <summary>The failing iteration's schedule as our trace, which replays under our engine; null without a bug of ours.</summary>
    public TraceFile? Schedule { get; init; }
}
