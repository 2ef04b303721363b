namespace ModelCheck.Engine;

/// <summary>A bug together with everything needed to write its trace: the choices and where they came from.</summary>
public sealed record FoundBug(Bug Bug, int Iteration, Choice[] Choices)
{
    /// <summary>
    /// Under the portfolio, the one of its strategies whose execution found the bug, and that strategy's
    /// depth or preemption bound; null: the run's strategy.
    /// </summary>
    public (StrategyKind Kind, int? Value)? Origin { get; init; }
}
