namespace ModelCheck.Engine;

/// <summary>Where a liveness monitor stands, in Coyote's terms.</summary>
public enum LivenessState
{
    /// <summary>Nothing is pending; the temperature is zero.</summary>
    Cold,
    /// <summary>Something is pending but nothing is owed yet; the temperature keeps its value.</summary>
    Warm,
    /// <summary>Something is owed: the property is not yet satisfied, and the temperature rises.</summary>
    Hot,
}

/// <summary>What raises a hot monitor's temperature.</summary>
public enum TemperatureUnit
{
    /// <summary>Every scheduling step spent hot, as in Coyote's task runtime: for obligations owed in time.</summary>
    Steps,
    /// <summary>Every transition into the hot state, as in Coyote's state-machine monitors: for obligations owed per event (a write, a miss).</summary>
    Entries,
}

/// <summary>
/// A liveness property as Coyote states one: a monitor that is hot while something the algorithm owes
/// has not happened yet, and cold once it has. Infinite executions cannot be run, so a monitor whose
/// temperature passes its <see cref="Threshold"/> is taken to be stuck, as Coyote does. The runtime
/// reports a <see cref="BugKind.Liveness"/> bug when a monitor is hot past its threshold, hot at the end
/// of an execution, hot when the step bound cuts the execution off, or hot when the model declares its
/// obligation due (<see cref="Due"/>: the last moment anything could still satisfy it has passed).
/// Ghost code: the algorithm under test never reads a monitor.
/// </summary>
public sealed class LivenessMonitor
{
    readonly Runtime runtime;
    readonly Func<string> pending;

    // The name, or what makes it when a report first shows it.
    string? name;
    readonly Func<string>? nameOf;

    internal LivenessMonitor(Runtime runtime, string? name, Func<string>? nameOf, TemperatureUnit unit, int threshold, Func<string> pending)
    {
        if (threshold < 0) throw new ArgumentOutOfRangeException(nameof(threshold), "a threshold is never negative");
        this.runtime = runtime;
        this.pending = pending;
        this.name = name;
        this.nameOf = nameOf;
        Unit = unit;
        Threshold = threshold;
    }

    public string Name => name ??= nameOf!();
    public TemperatureUnit Unit { get; }

    /// <summary>The highest temperature that is not yet a bug. A model may tighten or relax it as its bound changes.</summary>
    public int Threshold { get; set; }

    public LivenessState State { get; private set; }
    public int Temperature { get; private set; }

    /// <summary>Something is owed. Under <see cref="TemperatureUnit.Entries"/> each call raises the temperature by one.</summary>
    public void Hot()
    {
        Enter(LivenessState.Hot);
        if (Unit == TemperatureUnit.Entries && ++Temperature > Threshold) runtime.FailLiveness(Describe(PastThreshold()));
    }

    /// <summary>Something is pending but not owed now; the temperature is kept.</summary>
    public void Warm() => Enter(LivenessState.Warm);

    /// <summary>The property holds: the temperature drops to zero.</summary>
    public void Cold()
    {
        Enter(LivenessState.Cold);
        Temperature = 0;
    }

    // The runtime ticks its monitors only while one counting steps is hot, so it is told when one starts or stops being so.
    void Enter(LivenessState next)
    {
        if (Unit == TemperatureUnit.Steps && (State == LivenessState.Hot) != (next == LivenessState.Hot))
            runtime.HotStepMonitors += next == LivenessState.Hot ? 1 : -1;
        State = next;
    }

    /// <summary>Nothing can satisfy the property any more: a hot monitor is a liveness bug now.</summary>
    public void Due(string deadline)
    {
        if (State == LivenessState.Hot) runtime.FailLiveness(Describe($"still hot {deadline}"));
    }

    /// <summary>One scheduling step spent in the current state; the violation it reveals, or null.</summary>
    internal string? Tick() =>
        State == LivenessState.Hot && Unit == TemperatureUnit.Steps && ++Temperature > Threshold ? Describe(PastThreshold()) : null;

    string PastThreshold() =>
        $"hot for {Temperature} {(Unit == TemperatureUnit.Steps ? "steps" : "entries")}, past its threshold of {Threshold}";

    /// <summary>What the monitor waits for, in the model's words; built only when reporting.</summary>
    internal string Describe(string why) => $"{Name}: {why}: {pending()}";
}
