namespace ModelCheck.Engine;

/// <summary>
/// Runs one execution of a scenario on an <see cref="IExecutionHost"/>'s tasks. Only sequential
/// consistency without race detection applies there (a host knows neither store buffers nor
/// happens-before), so a scenario whose verdict needs more is refused with the reason.
/// </summary>
public static class HostedExecution
{
    /// <summary>
    /// Why <paramref name="scenario"/> cannot run under a host such as Coyote, or null when it can: its
    /// verdict must not depend on a weak memory model or on the race detector.
    /// </summary>
    public static string? WhyNotApplicable(Scenario scenario)
    {
        if (scenario.Memory is { } memory && memory != MemoryModel.Sc)
            return $"its verdict is stated under the {memory.ToName()} memory model; Coyote explores sc only";
        if (scenario.Expected == BugKind.DataRace)
            return "its verdict is a data race, which needs the race detector; Coyote has none";
        return null;
    }

    /// <summary>
    /// Runs <paramref name="scenario"/> once under <paramref name="host"/>, on the calling host task,
    /// until every task has finished or a bug was reported through <see cref="IExecutionHost.Report"/>.
    /// Returns the bug, if any, after reporting it. <paramref name="maxSteps"/> bounds the execution
    /// as a safety net; the host normally bounds it first with its own step bound.
    /// </summary>
    public static Bug? Run(Scenario scenario, IExecutionHost host, int maxSteps = int.MaxValue)
    {
        if (WhyNotApplicable(scenario) is { } reason)
            throw new ScenarioException($"scenario '{scenario.Name}' does not apply under Coyote: {reason}");
        var settings = new ExecutionSettings { Memory = MemoryModel.Sc, RaceDetection = false, MaxSteps = maxSteps };
        return new Runtime(new HostStrategy(host), settings, host).ExecuteHosted(scenario.Entry);
    }

    /// <summary>The runtime's strategy under a host: tasks are the host's to pick, data choices its controlled nondeterminism.</summary>
    sealed class HostStrategy(IExecutionHost host) : IStrategy
    {
        public string Name => "host";
        public bool PrepareExecution() => true;
        public void OnTaskCreated(int taskId) { }
        public int PickTask(ReadOnlySpan<int> enabled, int previous, int step) =>
            throw new InvalidOperationException("a hosted execution's tasks are scheduled by the host");
        public int PickValue(ChoiceKind kind, int count, int step) => host.Choose(count);
        public void OnExecutionEnd(int steps) { }
        public bool IsComplete => false;
    }
}
