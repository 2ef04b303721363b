namespace ModelCheck.Engine;

/// <summary>
/// Random, PCT and exhaustive search in turn, one execution each, as Coyote's portfolio runs several
/// strategies: a bug that one of them reaches cheaply is not left to the others. Random and PCT share the
/// iteration budget; the exhaustive search (DFS with preemption bounds 0, 1, 2, ... up to the scenario's
/// bound: <see cref="PreemptionDeepening"/>) runs until it has covered its space, which is what makes a
/// pass a proof. When that space needed no bound nothing is left to sample and the portfolio stops;
/// within a bound, random and PCT finish their shares, since they reach schedules beyond it.
/// Under sequential consistency (<paramref name="reduce"/>) optimal DPOR without a bound takes turns
/// too, with a share of executions as large as PCT's: when it runs out of traces within its share, the
/// space is covered without a bound and the portfolio stops, however far DFS had got; otherwise the
/// verdict is DFS's. A scenario whose traces are far fewer than its schedules is thus complete without
/// a bound, and one with too many traces costs at most that share.
/// </summary>
public sealed class PortfolioStrategy : IStrategy, IStepObserver
{
    readonly Stage[] stages;
    readonly PreemptionDeepening exhaustive;
    readonly OptimalDporStrategy? reduction;
    readonly int pctDepth;
    int turn;
    Stage active;

    sealed class Stage(IStrategy strategy, StrategyKind kind, int budget)
    {
        public IStrategy Strategy { get; } = strategy;
        public StrategyKind Kind { get; } = kind;
        public int Remaining { get; set; } = budget;
    }

    public PortfolioStrategy(ulong seed, int iterations, int pctDepth, int? preemptionBound, bool reduce = false)
    {
        exhaustive = new PreemptionDeepening(preemptionBound);
        reduction = reduce ? new OptimalDporStrategy() : null;
        this.pctDepth = pctDepth;
        // Different seeds for the two samplers, so they do not walk in step.
        stages =
        [
            new Stage(new RandomStrategy(seed), StrategyKind.Random, (iterations + 1) / 2),
            new Stage(new PctStrategy(seed ^ 0x9E3779B97F4A7C15UL, pctDepth), StrategyKind.Pct, iterations / 2),
            new Stage(exhaustive, StrategyKind.Dfs, int.MaxValue),
            .. reduction is null ? Array.Empty<Stage>() : [new Stage(reduction, StrategyKind.Dpor, iterations / 2)],
        ];
        active = stages[0];
    }

    public string Name => "portfolio";

    /// <summary>
    /// The strategy running the current (or last) execution, and its value (PCT's depth, the DFS pass's
    /// preemption bound): what a trace names as its origin.
    /// </summary>
    public (StrategyKind Kind, int? Value) Active => active.Kind switch
    {
        StrategyKind.Pct => (StrategyKind.Pct, pctDepth),
        StrategyKind.Dfs => (StrategyKind.Dfs, exhaustive.Bound),
        StrategyKind.Dpor => (StrategyKind.Dpor, null),
        _ => (active.Kind, null),
    };

    /// <summary>True once DPOR or the deepening DFS has covered its space (within <see cref="CompleteWithin"/>).</summary>
    public bool IsComplete => reduction is { IsComplete: true } || exhaustive.IsComplete;

    public int? CompleteWithin => reduction is { IsComplete: true } ? null : exhaustive.CompleteWithin;

    /// <summary>The executions DPOR stopped as redundant (sleep-set blocked).</summary>
    public int Redundant { get; private set; }

    public bool PrepareExecution()
    {
        if (IsComplete && CompleteWithin is null) return false;
        for (int tried = 0; tried < stages.Length; tried++)
        {
            var stage = stages[turn];
            turn = (turn + 1) % stages.Length;
            if (stage.Remaining > 0 && stage.Strategy.PrepareExecution())
            {
                stage.Remaining--;
                active = stage;
                return true;
            }
        }
        return false;
    }

    public void OnTaskCreated(int taskId) => active.Strategy.OnTaskCreated(taskId);
    public int PickTask(ReadOnlySpan<int> enabled, int previous, int step) => active.Strategy.PickTask(enabled, previous, step);
    public int PickValue(ChoiceKind kind, int count, int step) => active.Strategy.PickValue(kind, count, step);
    public void OnExecutionEnd(int steps) => active.Strategy.OnExecutionEnd(steps);

    // Only DPOR watches steps; the others run as if nothing did.
    IStepObserver? Observer => active.Strategy == reduction ? reduction : null;

    bool IStepObserver.BeforeStep(ReadOnlySpan<int> enabled)
    {
        if (Observer is not { } observer) return true;
        if (observer.BeforeStep(enabled)) return true;
        Redundant++;
        return false;
    }

    void IStepObserver.AfterStep(int task, ReadOnlySpan<Access> accesses) => Observer?.AfterStep(task, accesses);
    void IStepObserver.OnJoin(int task) => Observer?.OnJoin(task);
    void IStepObserver.OnParked(int obj, bool write) => Observer?.OnParked(obj, write);
    void IStepObserver.OnRealTimeEvent(bool completes) => Observer?.OnRealTimeEvent(completes);
    void IStepObserver.OnBlocked(int task, int obj, OpKind op) => Observer?.OnBlocked(task, obj, op);
}
