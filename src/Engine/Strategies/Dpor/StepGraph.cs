namespace ModelCheck.Engine;

/// <summary>
/// The steps of one execution as a partial order: each step (an event) gets a vector clock over the
/// happens-before relation that program order, spawns, joins and dependent accesses build, and each new
/// step reports the earlier steps it races with, the pairs whose order DPOR may reverse.
/// Dependent: two steps that touch the same cell and one writes it (read-modify-writes write), or the
/// same Mutex, RWMutex or WaitGroup, except that waits on a group and read locks of an RWMutex commute
/// with each other.
/// Spawns and joins only order steps; ghost code (<see cref="Cell{T}.Peek"/>) touches nothing.
/// A clock entry <c>clock(e)[t]</c> counts the steps of task t that happen before e (e included), so an
/// event d of task t happens before e when <c>clock(e)[t] &gt;= clock(d)[t]</c>.
/// Reused across executions; the per-execution arrays only grow.
/// </summary>
internal sealed class StepGraph
{
    readonly record struct Touched(int Event, OpKind Op, bool Write);

    /// <summary>
    /// The step <paramref name="Earlier"/> and step <paramref name="LaterIndex"/> of task
    /// <paramref name="LaterTask"/> are dependent, and nothing that task knew before its step ordered
    /// them. <paramref name="PastRelease"/>: the later step is a lock or wait racing with an acquisition
    /// before the release that let it in; reversing means taking the object first, so its dependence on
    /// that release does not count. A later step that never ran (a task blocked at the end) races too.
    /// <paramref name="LaterOp"/>: what the later step did to the object.
    /// </summary>
    public readonly record struct Race(int Earlier, int LaterTask, int LaterIndex, int Object, bool PastRelease, OpKind LaterOp);

    int width = 8;
    int[] clocks = new int[8 * 256];
    int[] eventTask = new int[256];
    int[] eventNode = new int[256];
    int events;
    readonly List<List<int>> taskEvents = [];
    readonly List<int> spawnedIn = [];
    int tasks;
    List<Touched>?[] history = new List<Touched>?[64];
    // Real-time events touch pseudo-objects with negative ids (real ids never are): one per task,
    // written by the task's returns and read by every other task's calls.
    readonly List<Touched>?[] realTimeHistory = new List<Touched>?[MaxTasks];
    public const int MaxTasks = 64;
    int highestObject = -1;
    bool inStep;

    // The step being added, valid until the next one begins.
    readonly List<(int Obj, OpKind Op, bool Write)> touches = [];
    readonly List<int> joined = [];
    readonly List<(int Event, int Obj)> dependencies = [];
    readonly List<int> footprint = [];
    int[] prior = new int[8];

    public List<Race> Races { get; } = [];

    public int Tasks => tasks;

    public void Reset()
    {
        for (int o = 0; o <= highestObject; o++) history[o]?.Clear();
        foreach (var list in realTimeHistory) list?.Clear();
        highestObject = -1;
        for (int t = 0; t < tasks; t++) taskEvents[t].Clear();
        tasks = 0;
        events = 0;
        inStep = false;
        BeginStep();
    }

    public void OnTaskCreated(int task)
    {
        if (task != tasks) throw new InvalidOperationException("tasks are created in id order");
        tasks++;
        if (taskEvents.Count < tasks) taskEvents.Add([]);
        if (spawnedIn.Count < tasks) spawnedIn.Add(-1);
        // Created inside the running step, which becomes the next event; the main task has no parent.
        spawnedIn[task] = inStep ? events : -1;
        if (tasks > width) Widen();
    }

    public void BeginStep()
    {
        touches.Clear();
        joined.Clear();
        inStep = true;
    }

    public void OnJoin(int task) => joined.Add(task);

    public void OnParked(int obj, bool write) => Touch(obj, OpKind.Yield, write);

    /// <summary>
    /// A history's call or return by <paramref name="task"/>. Only "this return came before that call"
    /// constrains linearizability, so a return writes its task's pseudo-object and a call reads every
    /// other task's (including tasks not created yet, which a reordering could create earlier): a call
    /// and another task's return are dependent, calls commute with calls and returns with returns.
    /// </summary>
    public void OnRealTimeEvent(int task, bool completes)
    {
        if (completes)
        {
            Touch(RealTimeObject(task), OpKind.Yield, write: true);
            return;
        }
        for (int t = 0; t < MaxTasks; t++)
            if (t != task) Touch(RealTimeObject(t), OpKind.Yield, write: false);
    }

    static int RealTimeObject(int task) => -1 - task;

    /// <summary>Adds the step task <paramref name="task"/> just ran; fills <see cref="Races"/>.</summary>
    public void Add(int task, int node, ReadOnlySpan<Access> accesses)
    {
        foreach (var access in accesses)
            if (access.Object >= 0) Touch(access.Object, access.Op, Writes(access.Op));
        int e = events++;
        EnsureEvents(events);
        var clock = Clock(e);
        var own = taskEvents[task];
        LoadPrior(task);
        prior.AsSpan(0, width).CopyTo(clock);
        clock[task] = own.Count + 1;
        foreach (int t in joined)
            if (taskEvents[t].Count > 0) Join(clock, Clock(taskEvents[t][^1]));
        dependencies.Clear();
        Races.Clear();
        footprint.Clear();
        foreach (var (obj, op, write) in touches)
        {
            FindDependencies(task, own.Count + 1, obj, op, write);
            footprint.Add(Footprint.Entry(obj, write));
        }
        foreach (var (d, _) in dependencies) Join(clock, Clock(d));
        foreach (var (obj, op, write) in touches) History(obj).Add(new Touched(e, op, write));
        own.Add(e);
        eventTask[e] = task;
        eventNode[e] = node;
        inStep = false;
    }

    /// <summary>
    /// Task <paramref name="task"/> ends the execution waiting to <paramref name="op"/> object
    /// <paramref name="obj"/>: fills <see cref="Races"/> with what its attempt races with.
    /// </summary>
    public void Blocked(int task, int obj, OpKind op)
    {
        var own = taskEvents[task];
        LoadPrior(task);
        joined.Clear();
        dependencies.Clear();
        Races.Clear();
        FindDependencies(task, own.Count + 1, obj, op, Writes(op));
    }

    void FindDependencies(int task, int index, int obj, OpKind op, bool write)
    {
        var list = History(obj);
        // A lock or wait may have been let in by the release just before it; the acquisitions before
        // that release race with it too (taking the object first is the other order), so keep looking.
        bool acquire = op is OpKind.Lock or OpKind.RLock or OpKind.WaitGroupWait;
        bool pastWrite = false;
        for (int i = list.Count - 1; i >= 0; i--)
        {
            var (d, earlierOp, earlierWrite) = list[i];
            if (!write && !earlierWrite) continue;
            int t = eventTask[d];
            bool ordered = t == task || prior[t] >= Clock(d)[t];
            if (!pastWrite && t != task) dependencies.Add((d, obj));
            if (!ordered && !LetsIn(earlierOp, op)) Races.Add(new Race(d, task, index, obj, pastWrite, op));
            if (earlierWrite)
            {
                pastWrite = true;
                if (!acquire || ordered) return;
            }
        }
    }

    // What the task knew before its next step: its last step's clock, or its spawner's at the spawn.
    void LoadPrior(int task)
    {
        var own = taskEvents[task];
        if (own.Count > 0) Clock(own[^1]).CopyTo(prior);
        else if (spawnedIn[task] >= 0) Clock(spawnedIn[task]).CopyTo(prior);
        else prior.AsSpan(0, width).Clear();
    }

    // A release the acquisition needed: right before it the acquisition could not run, so the pair
    // cannot be reversed (the lock was held, a writer was inside or waiting).
    static bool LetsIn(OpKind release, OpKind acquire) =>
        (acquire == OpKind.Lock && release is OpKind.Unlock or OpKind.RUnlock)
        || (acquire == OpKind.RLock && release == OpKind.Unlock);

    // Reads commute: loads, waits (they only test the counter), and read locks (each adds a reader, in
    // either order the same count and neither disables the other). An RUnlock writes: whether it leaves the
    // mutex free depends on which read locks came before it.
    static bool Writes(OpKind op) => op switch
    {
        OpKind.Load or OpKind.WaitGroupWait or OpKind.RLock => false,
        _ => true,
    };

    void Touch(int obj, OpKind op, bool write)
    {
        for (int i = 0; i < touches.Count; i++)
            if (touches[i].Obj == obj)
            {
                if (write && !touches[i].Write) touches[i] = touches[i] with { Write = true };
                return;
            }
        touches.Add((obj, op, write));
    }

    /// <summary>What the last added step touched.</summary>
    public Footprint LastFootprint() => new([.. footprint]);

    /// <summary>Whether the last added step is dependent with <paramref name="step"/> (a step of another task).</summary>
    public bool LastConflictsWith(Footprint step) => step.ConflictsWith(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(footprint));

    /// <summary>
    /// The clock the later step of <paramref name="race"/> would have placed before the earlier one:
    /// what its task knew before it, its joins, and its dependencies other than the earlier step (and,
    /// past a release, other than the object they race on). Valid right after the later step was added.
    /// </summary>
    public void ReversedClock(Race race, Span<int> into)
    {
        prior.AsSpan(0, width).CopyTo(into);
        foreach (int t in joined)
            if (taskEvents[t].Count > 0) Join(into, Clock(taskEvents[t][^1]));
        foreach (var (d, obj) in dependencies)
            if (d != race.Earlier && !(race.PastRelease && obj == race.Object)) Join(into, Clock(d));
    }

    public int Width => width;
    public int Task(int e) => eventTask[e];
    public int Node(int e) => eventNode[e];
    public int Index(int e) => clocks[e * width + eventTask[e]];
    public int EventCount(int task) => taskEvents[task].Count;
    public int EventOf(int task, int index) => taskEvents[task][index - 1];
    public ReadOnlySpan<int> ClockOf(int e) => clocks.AsSpan(e * width, width);

    /// <summary>How many steps each task has taken so far.</summary>
    public int[] EventCounts()
    {
        var counts = new int[tasks];
        for (int t = 0; t < tasks; t++) counts[t] = taskEvents[t].Count;
        return counts;
    }

    Span<int> Clock(int e) => clocks.AsSpan(e * width, width);

    static void Join(Span<int> into, ReadOnlySpan<int> other)
    {
        for (int i = 0; i < into.Length; i++)
            if (other[i] > into[i]) into[i] = other[i];
    }

    List<Touched> History(int obj)
    {
        if (obj < 0) return realTimeHistory[-1 - obj] ??= [];
        if (obj >= history.Length) Array.Resize(ref history, Math.Max(obj + 1, history.Length * 2));
        if (obj > highestObject) highestObject = obj;
        return history[obj] ??= [];
    }

    void EnsureEvents(int count)
    {
        if (count <= eventTask.Length) return;
        int capacity = Math.Max(count, eventTask.Length * 2);
        Array.Resize(ref eventTask, capacity);
        Array.Resize(ref eventNode, capacity);
        Array.Resize(ref clocks, capacity * width);
    }

    // More tasks than the clocks have room for: re-lay every clock at twice the width.
    void Widen()
    {
        int wider = width * 2;
        var relaid = new int[eventTask.Length * wider];
        for (int e = 0; e < events; e++) clocks.AsSpan(e * width, width).CopyTo(relaid.AsSpan(e * wider));
        clocks = relaid;
        width = wider;
        prior = new int[wider];
    }
}
