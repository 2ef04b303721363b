namespace ModelCheck.Engine;

/// <summary>One worker's runtime and strategy: runs executions of one scenario, one after another, on one thread.</summary>
sealed class Worker(Scenario scenario, TestConfiguration configuration, IStrategy strategy)
{
    readonly ExecutionSettings settings = scenario.SettingsFor(configuration.Execution);
    Runtime? runtime;

    /// <summary>The choices of the last execution.</summary>
    public ChoiceLog Choices => runtime!.Choices;

    /// <summary>The coverage labels the last execution reached, when the run collects them.</summary>
    public CoverageSet? Reached => runtime!.Coverage;

    /// <summary>Runs one execution and tells the strategy it ended; null when the strategy skipped it (a unit it does not own).</summary>
    public ExecutionResult? Run()
    {
        if (runtime is not { IsReusable: true }) runtime = new Runtime(strategy, settings);
        // Whose segment an execution counts in is known only at its end, so each collects its own labels.
        if (configuration.Coverage) runtime.Coverage = new CoverageSet();
        ExecutionResult result;
        try
        {
            result = runtime.Execute(scenario.Entry);
        }
        catch (UnitSkippedException)
        {
            strategy.OnExecutionEnd(0);
            return null;
        }
        catch (StrategyMismatchException e)
        {
            // Only a scenario whose choices change from one execution of a path to the next gets
            // here: a fault of the scenario, not a bug it found.
            throw new ScenarioException($"scenario '{scenario.Name}': {e.Message}");
        }
        strategy.OnExecutionEnd(result.Steps);
        return result;
    }
}
