namespace ModelCheck.Engine;

/// <summary>What an execution needs to know beyond its strategy; all of it is recorded in a trace for replay.</summary>
public sealed record ExecutionSettings
{
    /// <summary>Scheduling steps after which an execution stops (Coyote's --max-steps).</summary>
    public int MaxSteps { get; init; } = 10_000;

    /// <summary>Whether reaching <see cref="MaxSteps"/> is a bug rather than a quiet cut-off.</summary>
    public bool FailOnMaxSteps { get; init; }

    /// <summary>What a load may return: sequential consistency, x86-TSO or RC11 release/acquire.</summary>
    public MemoryModel Memory { get; init; } = MemoryModel.Sc;

    /// <summary>Whether conflicting accesses unordered by happens-before (one of them plain) are a data-race bug.</summary>
    public bool RaceDetection { get; init; } = true;

    /// <summary>
    /// Consulted by every atomic access and fence for its order (`modelcheck orders`): null runs every site
    /// with the order it declares. A <see cref="SiteWeakening"/> is recorded in traces.
    /// </summary>
    public SiteOrders? Orders { get; init; }

    public static ExecutionSettings Default { get; } = new();
}
