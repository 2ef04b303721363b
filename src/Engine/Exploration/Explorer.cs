using System.Diagnostics;

namespace ModelCheck.Engine;

/// <summary>
/// Runs executions of one scenario under one strategy until a bug (or, with AllBugs, the budget), the
/// iteration budget, the time budget, or the end of the space for an exhaustive strategy.
/// </summary>
public static class Explorer
{
    public static ExplorationReport Explore(Scenario scenario, TestConfiguration configuration, Action<ExplorationProgress>? progress = null)
    {
        var strategy = configuration.CreateStrategy();
        var settings = scenario.SettingsFor(configuration.Execution);
        var coverage = configuration.Coverage ? new CoverageSet() : null;
        var runtime = new Runtime(strategy, settings) { Coverage = coverage };
        var bugs = new List<FoundBug>();
        var counts = new SortedDictionary<BugKind, int>();
        var clock = Stopwatch.StartNew();
        var deadline = configuration.TimeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : TimeSpan.MaxValue;
        int executions = 0, boundReached = 0;
        long steps = 0;
        while (executions < configuration.Iterations && clock.Elapsed < deadline && strategy.PrepareExecution())
        {
            ExecutionResult result;
            try
            {
                result = runtime.Execute(scenario.Entry);
            }
            catch (StrategyMismatchException e)
            {
                // Only a scenario whose choices change from one execution of a path to the next gets
                // here: a fault of the scenario, not a bug it found.
                throw new ScenarioException($"scenario '{scenario.Name}': {e.Message}");
            }
            strategy.OnExecutionEnd(result.Steps);
            executions++;
            steps += result.Steps;
            if (result.Status == ExecutionStatus.BoundReached) boundReached++;
            if (result.Bug is { } bug)
            {
                counts[bug.Kind] = counts.GetValueOrDefault(bug.Kind) + 1;
                if (counts[bug.Kind] == 1) bugs.Add(new FoundBug(bug, executions, runtime.Choices.ToArray()));
                if (!configuration.AllBugs) break;
            }
            if (!runtime.IsReusable) runtime = new Runtime(strategy, settings) { Coverage = coverage };
            if (strategy.IsComplete) break;
            if (progress is not null && (executions & 63) == 0)
                progress(new ExplorationProgress(executions, configuration.Iterations, counts.Values.Sum(), clock.Elapsed));
        }
        bool complete = strategy.IsComplete && boundReached == 0 && (bugs.Count == 0 || configuration.AllBugs);
        return new ExplorationReport(scenario, configuration, executions, steps, boundReached, complete, bugs, counts, clock.Elapsed)
        {
            Coverage = coverage,
        };
    }
}

/// <summary>A snapshot of a running exploration, for progress displays.</summary>
public readonly record struct ExplorationProgress(int Executions, int Budget, int Bugs, TimeSpan Elapsed);
