namespace ModelCheck.Engine;

/// <summary>A named, explorable program and the verdict it must reach.</summary>
public sealed record Scenario(string Name, string Description, BugKind Expected, Func<Runtime, Task> Entry)
{
    public string ExpectedName => Expected.ToName();

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
