using System.Threading;

namespace ModelCheck.Engine;

/// <summary>One worker's runtime and strategy: runs executions of one scenario, one after another, on one thread.</summary>
sealed class Worker
{
    readonly Scenario scenario;
    readonly TestConfiguration configuration;
    readonly IStrategy strategy;
    readonly ExplorationControl signal;
    readonly ExecutionSettings settings;
    volatile Runtime? runtime;
    int executions;

    public Worker(Scenario scenario, TestConfiguration configuration, IStrategy strategy, RunControl control)
    {
        this.scenario = scenario;
        this.configuration = configuration;
        this.strategy = strategy;
        signal = control.Signal;
        settings = scenario.SettingsFor(configuration.Execution);
        control.Register(this);
    }

    /// <summary>The runtime of the current (or last) execution; the watchdog reads it from its own thread.</summary>
    public Runtime? Runtime => runtime;

    /// <summary>The managed id of the thread the worker was made on, which runs its executions.</summary>
    public int Thread { get; } = Environment.CurrentManagedThreadId;

    /// <summary>Parts of the space (blocks of iterations, units) this worker took; for <see cref="RunDiagnostics"/>.</summary>
    public int Parts { get; private set; }

    /// <summary>Counts one part of the space this worker took.</summary>
    public void TookPart() => Parts++;

    /// <summary>Executions this worker has started.</summary>
    public int Executions => Volatile.Read(ref executions);

    /// <summary>The choices of the last execution.</summary>
    public ChoiceLog Choices => runtime!.Choices;

    /// <summary>The coverage labels the last execution reached, when the run collects them.</summary>
    public CoverageSet? Reached => runtime!.Coverage;

    /// <summary>Runs one execution and tells the strategy it ended; null when the strategy skipped it (a unit it does not own) or the run was stopped inside it.</summary>
    public ExecutionResult? Run()
    {
        if (runtime is not { IsReusable: true }) runtime = new Runtime(strategy, settings) { Control = signal };
        Interlocked.Increment(ref executions);
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
        // A stopped execution ended nowhere: it is not counted, and the strategy never hears of it.
        if (result.Status == ExecutionStatus.Stopped) return null;
        strategy.OnExecutionEnd(result.Steps);
        return result;
    }
}
