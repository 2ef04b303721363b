namespace ModelCheck.Engine;

/// <summary>
/// Marks a static method <c>Task M(Runtime rt)</c>, or <c>Task M(Runtime rt, string argument)</c>, as a
/// scenario the checker can explore. A method may carry several, each with its own name and argument
/// (a seeded-bug variant, a configuration). <see cref="Expect"/> is the scenario's contract:
/// <see cref="BugKind.None"/> means it must pass.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class ScenarioAttribute(string name) : Attribute
{
    public string Name { get; } = name;
    public string Description { get; init; } = "";
    public BugKind Expect { get; init; }
    public string? Argument { get; init; }

    /// <summary>"sc", "tso" or "ra": the memory model this scenario always runs under (default: the run's).</summary>
    public string? Memory { get; init; }

    /// <summary>False turns data-race detection off for this scenario (it studies lost writes, not races).</summary>
    public bool RaceDetection { get; init; } = true;

    /// <summary>For a passing scenario: why executions cut off at the step bound are expected. Without it, any cut-off fails the contract.</summary>
    public string? ToleratesCutOff { get; init; }

    /// <summary>
    /// Other kinds the seeded bug may be reported as first, when which check fires first depends on the
    /// schedule. Say in the description why each is the same bug.
    /// </summary>
    public BugKind[] Accepts { get; init; } = [];

    /// <summary>
    /// The preemption bound within which exhaustive search covers this scenario (-1: unbounded). Declare one
    /// where the unbounded space is out of reach; the --expect row then says "complete within N preemptions".
    /// </summary>
    public int PreemptionBound { get; init; } = -1;

    /// <summary>"random", "pct" or "dfs": the one strategy this scenario runs under in the portfolio (default: all three).</summary>
    public string? Strategy { get; init; }
}
