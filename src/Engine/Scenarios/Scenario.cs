namespace ModelCheck.Engine;

/// <summary>A named, explorable program and the verdict it must reach.</summary>
public sealed record Scenario(string Name, string Description, BugKind Expected, Func<Runtime, Task> Entry)
{
    /// <summary>The expected kind, then any other kind the scenario accepts, joined by '|': "fatal|exception".</summary>
    public string ExpectedName => string.Join("|", new[] { Expected }.Concat(Accepts).Select(k => k.ToName()));

    /// <summary>
    /// Further kinds the seeded bug may show first, depending on the schedule (a partly built map may
    /// fail a check, throw, or trip a fatal error). Only a bug scenario has them.
    /// </summary>
    public IReadOnlyList<BugKind> Accepts { get; init; } = [];

    /// <summary>True when <paramref name="kind"/> is the bug this scenario expects (its kind or one it accepts).</summary>
    public bool IsExpectedBug(BugKind kind) => kind != BugKind.None && (kind == Expected || Accepts.Contains(kind));

    /// <summary>
    /// The preemption bound of exhaustive search (dfs, and the portfolio's exhaustive stage) unless the run
    /// gives one: the scenario's space is covered completely within it. Null: unbounded.
    /// </summary>
    public int? PreemptionBound { get; init; }

    /// <summary>The one strategy this scenario runs under when the run's strategy is the portfolio; null: the portfolio.</summary>
    public StrategyKind? Strategy { get; init; }

    /// <summary>The scenario's version (<see cref="ScenarioFingerprint"/>): equal only for the same declaration and build.</summary>
    public string Fingerprint { get; init; } = ScenarioFingerprint.Of($"{Name}|{Expected.ToName()}", Entry.Method.Module);

    /// <summary>
    /// The memory model the scenario's verdict is stated under, or null to follow the run's. A weak-memory
    /// seeded bug only exists under its model, so the scenario's choice wins over the command line.
    /// </summary>
    public MemoryModel? Memory { get; init; }

    /// <summary>False for scenarios that study lost writes rather than races: detection is off whatever the run says.</summary>
    public bool RaceDetection { get; init; } = true;

    /// <summary>
    /// Why executions cut off at the step bound are expected of this passing scenario (a spin that only a
    /// fair scheduler ends, say); null: a cut-off execution fails the scenario's contract.
    /// </summary>
    public string? ToleratesCutOff { get; init; }

    /// <summary>The settings an execution of this scenario uses: the run's, with the scenario's overrides.</summary>
    public ExecutionSettings SettingsFor(ExecutionSettings run) =>
        (Memory is null || Memory == run.Memory) && (RaceDetection || !run.RaceDetection)
            ? run
            : run with { Memory = Memory ?? run.Memory, RaceDetection = run.RaceDetection && RaceDetection };
}
