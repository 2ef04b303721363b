namespace ModelCheck.Engine;

/// <summary>What went wrong in an execution. <see cref="None"/> is the verdict of a passing scenario.</summary>
public enum BugKind
{
    None,
    AssertionFailure,
    UnhandledException,
    Deadlock,
    MaxStepsReached,
    MonitorViolation,
    UncontrolledConcurrency,
    DataRace,
    NotLinearizable,
    /// <summary>A modelled runtime fatal error, such as Go's "concurrent map writes".</summary>
    Fatal,
    /// <summary>A liveness monitor stayed hot: past its threshold, at the end of an execution, when the step bound cut it off, or when its obligation fell due.</summary>
    Liveness,
    /// <summary>A task did not reach a scheduling point within the step timeout: it spins or blocks outside the runtime.</summary>
    Hang,
}

/// <summary>The stable, kebab-case names used on the command line, in coyote.json and in trace files.</summary>
public static class BugKindNames
{
    static readonly (BugKind Kind, string Name)[] Names =
    [
        (BugKind.None, "pass"),
        (BugKind.AssertionFailure, "assertion"),
        (BugKind.UnhandledException, "exception"),
        (BugKind.Deadlock, "deadlock"),
        (BugKind.MaxStepsReached, "max-steps"),
        (BugKind.MonitorViolation, "monitor"),
        (BugKind.UncontrolledConcurrency, "uncontrolled"),
        (BugKind.DataRace, "data-race"),
        (BugKind.NotLinearizable, "not-linearizable"),
        (BugKind.Fatal, "fatal"),
        (BugKind.Liveness, "liveness"),
        (BugKind.Hang, "hang"),
    ];

    public static string ToName(this BugKind kind)
    {
        foreach (var (k, n) in Names)
            if (k == kind) return n;
        throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
    }

    public static bool TryParse(string name, out BugKind kind)
    {
        foreach (var (k, n) in Names)
            if (n == name) { kind = k; return true; }
        kind = BugKind.None;
        return false;
    }

    public static IEnumerable<string> All => Names.Select(n => n.Name);
}
