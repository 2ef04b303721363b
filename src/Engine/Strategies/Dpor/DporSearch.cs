namespace ModelCheck.Engine;

/// <summary>
/// What both DPOR algorithms (<see cref="DporStrategy"/>, <see cref="OptimalDporStrategy"/>) keep the same
/// way: the path of points they backtrack over (<see cref="DporTree"/>), the step graph whose races they
/// reverse (<see cref="StepGraph"/>), the sleep set of the branch being run, where the execution stands on
/// the path, and the value choices, which both explore exhaustively. They differ in what a scheduling
/// decision holds (a backtrack set, or a wakeup tree) and in how a race is reversed.
/// </summary>
public abstract class DporSearch : IStepObserver
{
    private protected const int MaxTasks = StepGraph.MaxTasks;

    private protected readonly DporTree tree = new();
    private protected readonly StepGraph graph = new();
    // The tasks asleep in the branch being run, with the steps they would take.
    private protected readonly List<SleepingTask> asleep = [];
    private protected ulong asleepMask;
    private protected ulong enabledMask;
    // The next point of the path: the execution replays the path up to its end, then adds to it.
    private protected int position;
    // The path index of the running step's decision; -1 when only one task could run.
    private protected int stepNode = -1;
    // The task running the current step.
    private protected int running;
    int[] reversed = new int[8];

    private protected DporSearch() { }

    public string Name => "dpor";
    public bool IsComplete => tree.Exhausted;

    /// <summary>The start of every execution: at the root of the path, nothing asleep, no steps.</summary>
    private protected void StartAtRoot()
    {
        position = 0;
        asleep.Clear();
        asleepMask = 0;
        graph.Reset();
    }

    public void OnTaskCreated(int taskId)
    {
        if (taskId >= MaxTasks) throw new ScenarioException($"dpor explores scenarios of at most {MaxTasks} tasks; this one creates more");
        graph.OnTaskCreated(taskId);
        TaskCreated(taskId);
    }

    private protected virtual void TaskCreated(int taskId) { }

    bool IStepObserver.BeforeStep(ReadOnlySpan<int> enabled)
    {
        enabledMask = 0;
        foreach (int t in enabled) enabledMask |= Decision.Bit(t);
        graph.BeginStep();
        stepNode = -1;
        running = enabled[0];
        StepBegins();
        return (enabledMask & ~asleepMask) != 0;
    }

    private protected virtual void StepBegins() { }

    /// <summary>
    /// The decision of the path at the current position when the execution is still replaying the path
    /// (it must be a decision among the same enabled tasks), or null past its end.
    /// </summary>
    private protected T? DecisionOnPath<T>(int step) where T : Decision
    {
        if (position >= tree.Path.Count) return null;
        var node = tree.Path[position] as T ?? throw Mismatch(step, "a scheduling decision");
        if (node.Enabled != enabledMask) throw Mismatch(step, "a different set of enabled tasks");
        return node;
    }

    public virtual int PickValue(ChoiceKind kind, int count, int step)
    {
        int chosen;
        if (position < tree.Path.Count)
        {
            var point = tree.Path[position] as ValuePoint;
            if (point is null || point.Kind != kind || point.Count != count) throw Mismatch(step, $"a {kind} choice of {count} options");
            chosen = point.Chosen;
        }
        else
        {
            tree.Path.Add(new ValuePoint(kind, count));
            chosen = 0;
        }
        position++;
        return chosen;
    }

    void IStepObserver.AfterStep(int task, ReadOnlySpan<Access> accesses)
    {
        graph.Add(task, stepNode, accesses);
        StepTaken(task, accesses);
        if (asleep.Count == 0) return;
        // A step wakes every sleeper it is dependent with: what that sleeper does next may now differ.
        int kept = 0;
        for (int i = 0; i < asleep.Count; i++)
            if (!graph.LastConflictsWith(asleep[i].Step)) asleep[kept++] = asleep[i];
        asleep.RemoveRange(kept, asleep.Count - kept);
        asleepMask = AsleepBits();
    }

    /// <summary>The step just added to the graph (its races are in <see cref="StepGraph.Races"/>), before it wakes sleepers.</summary>
    private protected abstract void StepTaken(int task, ReadOnlySpan<Access> accesses);

    void IStepObserver.OnJoin(int task)
    {
        graph.OnJoin(task);
        Joined(task);
    }

    private protected virtual void Joined(int task) { }

    void IStepObserver.OnParked(int obj, bool write) => graph.OnParked(obj, write);

    void IStepObserver.OnRealTimeEvent(bool completes) => graph.OnRealTimeEvent(running, completes);

    void IStepObserver.OnBlocked(int task, int obj, OpKind op)
    {
        graph.Blocked(task, obj, op);
        Blocked(task, obj, op);
    }

    /// <summary>A task ends the execution blocked (its attempt's races are in <see cref="StepGraph.Races"/>).</summary>
    private protected abstract void Blocked(int task, int obj, OpKind op);

    /// <summary>
    /// The clock of <paramref name="race"/>'s later step as it would be with the earlier step moved after it
    /// (<see cref="StepGraph.ReversedClock"/>), or an empty span when other steps between them order the pair:
    /// then it cannot be reversed.
    /// </summary>
    private protected Span<int> ReversedClock(StepGraph.Race race)
    {
        if (reversed.Length < graph.Width) reversed = new int[graph.Width];
        var clock = reversed.AsSpan(0, graph.Width);
        graph.ReversedClock(race, clock);
        return clock[graph.Task(race.Earlier)] >= graph.Index(race.Earlier) ? [] : clock;
    }

    /// <summary>The tasks of the sleep set, as bits.</summary>
    private protected ulong AsleepBits() => Decision.MaskOf(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(asleep));

    private protected static StrategyMismatchException Mismatch(int step, string what) =>
        new($"at step {step} the same path asked for {what} where an earlier execution did otherwise: the scenario is not deterministic");
}
