namespace ModelCheck.Engine;

/// <summary>
/// How to explore: the settings of coyote.json, overridden by the command line. Named after Coyote's
/// options (testing iterations, strategy and strategy value, max steps, seed, timeout).
/// </summary>
public sealed record TestConfiguration
{
    public int Iterations { get; init; } = 1000;
    public StrategyKind Strategy { get; init; } = StrategyKind.Random;

    /// <summary>PCT's depth d, or the preemption bound of DFS, DPOR and the portfolio's DFS (null: the scenario's, else unbounded).</summary>
    public int? StrategyValue { get; init; }

    public ulong Seed { get; init; }

    /// <summary>Which DPOR `--strategy dpor` runs; with a preemption bound it is always bounded source-DPOR.</summary>
    public DporAlgorithm Dpor { get; init; } = DporAlgorithm.Optimal;

    /// <summary>Seconds one scenario may explore for; null: no limit.</summary>
    public int? TimeoutSeconds { get; init; }

    /// <summary>
    /// Seconds a task may run between two scheduling points before the watchdog reports a hang; a step
    /// takes microseconds, so this only catches code that spins or blocks outside the runtime.
    /// </summary>
    public int StepTimeoutSeconds { get; init; } = DefaultStepTimeoutSeconds;

    public const int DefaultStepTimeoutSeconds = 5;

    public ExecutionSettings Execution { get; init; } = ExecutionSettings.Default;

    /// <summary>Keep exploring after a bug, counting the executions that end in each kind.</summary>
    public bool AllBugs { get; init; }

    /// <summary>Collect the coverage labels the executions reach (`test --coverage`).</summary>
    public bool Coverage { get; init; }

    /// <summary>Threads exploring at once; the report does not depend on it.</summary>
    public int Workers { get; init; } = 1;

    /// <summary>The part of the space this run explores (`--shard K/N`); the whole by default.</summary>
    public Shard Shard { get; init; } = Shard.Whole;

    /// <summary>Where trace files are written.</summary>
    public string OutputDirectory { get; init; } = "traces";

    public const int DefaultPctDepth = 3;

    /// <summary>The strategy <paramref name="scenario"/> runs under: the run's, or under the portfolio the one it pins.</summary>
    public StrategyKind StrategyFor(Scenario scenario) =>
        Strategy == StrategyKind.Portfolio && scenario.Strategy is { } pinned ? pinned : Strategy;

    /// <summary>
    /// The value of <see cref="StrategyFor"/>: PCT's depth, or the preemption bound of exhaustive search (the
    /// run's, else for DFS the scenario's; null: unbounded). Under the portfolio the run's value is that bound, and a
    /// scenario pinned to PCT gets the default depth.
    /// </summary>
    public int? StrategyValueFor(Scenario scenario) => StrategyFor(scenario) switch
    {
        StrategyKind.Random => null,
        StrategyKind.Pct => Strategy == StrategyKind.Pct ? StrategyValue ?? DefaultPctDepth : DefaultPctDepth,
        // A scenario's declared bound is for depth-first search; DPOR explores unbounded unless the run asks.
        StrategyKind.Dpor => StrategyValue,
        _ => StrategyValue ?? scenario.PreemptionBound,
    };

    /// <summary>
    /// The configuration <paramref name="scenario"/> is explored with: its strategy and value resolved
    /// (<see cref="StrategyFor"/>, <see cref="StrategyValueFor"/>), so that a pinned scenario runs exactly as
    /// that strategy would run it on its own.
    /// </summary>
    public TestConfiguration For(Scenario scenario) =>
        this with { Strategy = StrategyFor(scenario), StrategyValue = StrategyValueFor(scenario) };

    /// <summary>The strategy of a resolved configuration (<see cref="For"/>); the portfolio is built by its explorer, which knows the scenario's memory model.</summary>
    public IStrategy CreateStrategy() => Strategy switch
    {
        StrategyKind.Random => new RandomStrategy(Seed),
        StrategyKind.Pct => new PctStrategy(Seed, StrategyValue ?? DefaultPctDepth),
        StrategyKind.Dfs => new DfsStrategy(StrategyValue),
        StrategyKind.Dpor when Dpor == DporAlgorithm.Optimal && StrategyValue is null => new OptimalDporStrategy(),
        StrategyKind.Dpor => new DporStrategy(StrategyValue),
        _ => throw new ArgumentOutOfRangeException(nameof(Strategy)),
    };
}
