namespace ModelCheck.Engine;

// Liveness monitors: their temperatures rise with the steps, and any left hot when the execution ends
// (or is cut off) is a bug. A step with no monitor counting steps hot pays one test.
public sealed partial class Runtime
{
    List<LivenessMonitor>? liveness;

    /// <summary>How many monitors counting steps are hot: only then can a step warm one, so only then are they ticked.</summary>
    internal int HotStepMonitors { get; set; }

    /// <summary>
    /// A liveness monitor, cold, named <paramref name="name"/> in its reports. <paramref name="threshold"/>
    /// is the highest temperature that is not a bug (default: half the step bound, Coyote's default);
    /// <paramref name="pending"/> says what the monitor waits for, and is called only to report.
    /// </summary>
    public LivenessMonitor AddLivenessMonitor(string name, TemperatureUnit unit, Func<string> pending, int? threshold = null) =>
        Add(new LivenessMonitor(this, name, null, unit, threshold ?? Settings.MaxSteps / 2, pending));

    /// <summary>
    /// <see cref="AddLivenessMonitor(string, TemperatureUnit, Func{string}, int?)"/> with a name made only when a
    /// report shows it: for monitors made in every execution. <paramref name="name"/> must not read the runtime.
    /// </summary>
    public LivenessMonitor AddLivenessMonitor(Func<string> name, TemperatureUnit unit, Func<string> pending, int? threshold = null) =>
        Add(new LivenessMonitor(this, null, name, unit, threshold ?? Settings.MaxSteps / 2, pending));

    LivenessMonitor Add(LivenessMonitor monitor)
    {
        (liveness ??= []).Add(monitor);
        return monitor;
    }

    /// <summary>A violation found by the running task: it stops at once, like any failure.</summary>
    internal void FailLiveness(string message)
    {
        if (bug is null) Fail(BugKind.Liveness, message);
    }

    // After every step with a hot monitor counting steps: each such monitor gets warmer; past its threshold the
    // execution ends. Recorded, not thrown: no task is running here.
    void TickLiveness()
    {
        foreach (var monitor in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(liveness))
            if (monitor.Tick() is { } violation)
            {
                RecordBug(BugKind.Liveness, violation);
                return;
            }
    }

    /// <summary>The first monitor still hot when the execution ends (why: "at the end of the execution"), as a bug.</summary>
    bool CheckLivenessAt(string when)
    {
        if (liveness is null) return false;
        foreach (var monitor in liveness)
            if (monitor.State == LivenessState.Hot)
            {
                RecordBug(BugKind.Liveness, monitor.Describe($"hot {when}"));
                return true;
            }
        return false;
    }
}
