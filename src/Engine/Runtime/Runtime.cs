using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace ModelCheck.Engine;

/// <summary>
/// One controlled execution: its tasks, its controlled objects and the scheduler that runs them.
/// Scenarios receive it explicitly; nothing is ambient, so several runtimes can run at once on
/// different OS threads. Exactly one task runs at a time, on the thread that created the runtime.
/// Each await on a controlled primitive parks the task's continuation here; the strategy then picks
/// the next task, and the parked operation happens when its task is resumed.
/// </summary>
public sealed partial class Runtime
{
    readonly IStrategy strategy;
    readonly IStepObserver? observer;
    readonly List<ControlledTask> tasks = [];
    // Every task record this runtime has made, by id, for its later executions to reuse.
    readonly List<ControlledTask> records = [];
    readonly ChoiceLog choices = new();
    // The thread steps run on: the explorer's, or under a host the thread of the host task running the step.
    int ownerThread = Environment.CurrentManagedThreadId;
    int[] enabled = new int[8];
    // How many tasks `enabled` holds, or -1 when a step may have changed them (see MayChangeEnabled).
    int enabledCount = -1;
    Access[] accesses = new Access[256];
    int accessCount;
    long memoryVersion;
    readonly List<IMonitor> monitors = [];
    // Per event type (EventSlot's index): where in `monitors` its monitors are, and how many monitors there were
    // when that was worked out. Kept from one execution to the next while the scenario adds monitors of the
    // same types in the same order (`monitorTypes`), as it nearly always does: a test against a generic
    // interface searches the monitor's interfaces, so it is done once per runtime rather than per execution.
    Subscribers[] subscribers = [];
    readonly List<Type> monitorTypes = [];
    readonly RaceDetector? races;
    // Null under SC: cells then keep one value and loads read it, as before weak memory existed.
    internal readonly WeakMemory? Weak;
    // Null but under `modelcheck orders`: what every atomic access and fence consults for its order.
    internal readonly SiteOrders? Orders;

    ControlledTask? current;
    int previousTask = -1;
    bool suspended;
    int step;
    int nextObjectId;
    Bug? bug;
    // Set when Fail halted the running task: its awaiting callers may then be left unfinished (see ControlledMethodBuilder).
    bool halted;
    // A strategy that could not answer (replay divergence, nondeterminism) ends the execution too.
    StrategyMismatchException? mismatch;
    // Set from a foreign thread when uncontrolled code touches a controlled primitive.
    volatile string? foreignAccess;
    // Null under the engine's own scheduler; otherwise the host (Coyote) whose tasks run the steps.
    readonly IExecutionHost? host;

    internal Runtime(IStrategy strategy, ExecutionSettings settings, ExecutionRecorder? recorder = null)
    {
        this.strategy = strategy;
        observer = strategy as IStepObserver;
        Settings = settings;
        Recorder = recorder;
        if (settings.RaceDetection) races = new RaceDetector();
        Weak = WeakMemory.For(this, settings.Memory);
        Orders = settings.Orders;
    }

    internal Runtime(IStrategy strategy, ExecutionSettings settings, IExecutionHost host) : this(strategy, settings) =>
        this.host = host;

    public ExecutionSettings Settings { get; }

    /// <summary>The scheduling step being run (1-based).</summary>
    public int Step => step;

    /// <summary>The id of the running task (0 is the scenario's main task).</summary>
    public int CurrentTask => current?.Id ?? -1;

    /// <summary>The name of the running task, for reports made from outside its thread (the watchdog's).</summary>
    internal string? CurrentTaskName => current?.Name;

    /// <summary>A stop request (Ctrl-C, the time budget) ends the execution at its next scheduling point.</summary>
    internal ExplorationControl? Control { get; init; }

    /// <summary>True when a replay is recording what each step does; guard costly descriptions with it.</summary>
    public bool IsRecording => Recorder is not null;

    internal ExecutionRecorder? Recorder { get; }

    /// <summary>The decisions of the current (or last) execution.</summary>
    public ChoiceLog Choices => choices;

    /// <summary>Every access of the current (or last) execution, in order.</summary>
    public ReadOnlySpan<Access> Accesses => accesses.AsSpan(0, accessCount);

    /// <summary>
    /// Changes whenever what <see cref="Cell{T}.Peek"/> returns may change: at every store and
    /// read-modify-write (a failed compare-and-swap too), and under tso when a store buffer drains. Ghost
    /// code that computes a verdict from Peek alone may reuse it while this is unchanged: a monitor walking
    /// a whole map at every observation point then walks it only after something was written.
    /// </summary>
    public long MemoryVersion => memoryVersion;

    internal void MemoryChanged() => memoryVersion++;

    /// <summary>False once uncontrolled code may still hold this runtime; it must not be reused then.</summary>
    internal bool IsReusable { get; private set; } = true;

    /// <summary>The first of <paramref name="count"/> consecutive object ids, the next in creation order.</summary>
    internal int ReserveObjectIds(int count)
    {
        int first = nextObjectId;
        nextObjectId += count;
        return first;
    }

    /// <summary>Starts a task running <paramref name="body"/>. It first runs when the scheduler picks it.</summary>
    public TaskHandle Spawn(Func<Task> body, string? name = null)
    {
        var task = NewTask(name, body);
        tasks.Add(task);
        if (enabled.Length < tasks.Count) Array.Resize(ref enabled, tasks.Count * 2);
        enabledCount = -1;
        strategy.OnTaskCreated(task.Id);
        Recorder?.OnTaskCreated(task.Name);
        races?.OnSpawn(current?.Id ?? -1, task.Id);
        Weak?.OnSpawn(current?.Id ?? -1, task.Id);
        if (host is not null) StartHosted(task);
        return task.Handle;
    }

    // The record of the next task: the one this runtime made for that id in an earlier execution, when there is one.
    // Not under a host, whose task for an execution that ended may still hold its record.
    ControlledTask NewTask(string? name, Func<Task> body)
    {
        int id = tasks.Count;
        if (host is not null) return new ControlledTask(this, id, name, body);
        if (id == records.Count) records.Add(new ControlledTask(this, id, name, body));
        else records[id].Restart(name, body);
        return records[id];
    }

    // Apart from Spawn because its lambda captures the task: in Spawn itself the compiler made that closure
    // at every spawn, hosted or not.
    void StartHosted(ControlledTask task) => host!.Start(() => RunHostedTask(task));

    /// <summary>A nondeterministic input in [0, <paramref name="count"/>), chosen and recorded by the strategy.</summary>
    public int Choose(int count)
    {
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), "a choice needs at least one option");
        if (count == 1 || bug is not null) return 0;
        int value;
        try
        {
            value = strategy.PickValue(ChoiceKind.Data, count, step);
        }
        catch (StrategyMismatchException e)
        {
            mismatch = e;
            throw Halt();
        }
        choices.Add(ChoiceKind.Data, value);
        if (Recorder is { } r) r.Add(step, CurrentTask, $"choose {value} of {count}");
        return value;
    }

    public bool ChooseBool() => Choose(2) == 1;

    /// <summary>
    /// A decision of the memory model (which message a load reads, which buffer drains), asked of the
    /// strategy and recorded like any other choice. After a bug or a divergence it answers 0 and records
    /// nothing: the execution is ending, and the scheduler reports the divergence at the next step.
    /// </summary>
    internal int ChooseMemory(ChoiceKind kind, int count)
    {
        if (count == 1 || bug is not null || mismatch is not null) return 0;
        int value;
        try
        {
            value = strategy.PickValue(kind, count, step);
        }
        catch (StrategyMismatchException e)
        {
            mismatch = e;
            return 0;
        }
        choices.Add(kind, value);
        return value;
    }

    /// <summary>
    /// Fails the execution with an assertion failure when <paramref name="condition"/> is false.
    /// It does not throw: exceptions cost microseconds and most failing executions end here. The bug is
    /// recorded and the execution ends at the task's next scheduling point; code between the failed
    /// assertion and that point still runs, but nothing it does can change the verdict (the first bug
    /// wins, later choices and events are ignored). Use <see cref="Fail"/> to stop at once.
    /// </summary>
    public void Assert(bool condition, string message)
    {
        if (!condition) RecordBug(BugKind.AssertionFailure, message);
    }

    /// <summary><see cref="Assert(bool, string)"/> whose interpolated message is only built when the assertion fails.</summary>
    public void Assert(bool condition, [InterpolatedStringHandlerArgument(nameof(condition))] ref AssertMessage message)
    {
        if (!condition) RecordBug(BugKind.AssertionFailure, message.ToStringAndClear());
    }

    /// <summary>Ends the execution with a bug of the given kind, stopping the running task at once.</summary>
    [DoesNotReturn]
    public void Fail(BugKind kind, string message)
    {
        RecordBug(kind, message);
        throw Halt();
    }

    /// <summary>
    /// <see cref="Fail(BugKind, string)"/> with a message written only when someone reads it: runs that keep
    /// going after bugs keep one message per kind. <paramref name="describe"/> must not read this runtime.
    /// </summary>
    [DoesNotReturn]
    public void Fail(BugKind kind, Func<string> describe)
    {
        bug ??= new Bug(kind, describe, step, CurrentTask);
        throw Halt();
    }

    /// <summary>Marks the execution halted and gives what to throw to stop the running task at once.</summary>
    ExecutionHaltedException Halt()
    {
        halted = true;
        return haltedException;
    }

    // Thrown by every halt of this runtime's executions: nobody reads more of it than its type, and most executions of
    // some scenarios end in a halt. One per runtime, because a throw writes its stack trace into the exception.
    readonly ExecutionHaltedException haltedException = new();

    /// <summary>A modelled runtime fatal error (Go's throw/fatal): unrecoverable, ends the execution.</summary>
    [DoesNotReturn]
    public void Fatal(string message) => Fail(BugKind.Fatal, "fatal error: " + message);

    /// <summary>Adds a note to the recorded story of this step; does nothing unless recording.</summary>
    public void Note(string text) => Recorder?.Add(step, CurrentTask, text);

    /// <summary>A note in another task's column, for events of no running task (a store buffer draining).</summary>
    internal void NoteFor(int atStep, int task, string text) => Recorder?.Add(atStep, task, text);

    /// <summary>The name a task was spawned with, for messages.</summary>
    public string TaskName(int task) => tasks[task].Name;

    public void AddMonitor(IMonitor monitor)
    {
        int at = monitors.Count;
        monitors.Add(monitor);
        var type = monitor.GetType();
        if (at < monitorTypes.Count && monitorTypes[at] == type) return;
        // A different monitor here than in the last execution: what was worked out for those no longer holds.
        monitorTypes.RemoveRange(at, monitorTypes.Count - at);
        monitorTypes.Add(type);
        Array.Clear(subscribers);
    }

    /// <summary>Hands an event to every monitor of its type, in the order they were added; a violation ends the execution.</summary>
    public void Publish<TEvent>(TEvent e)
    {
        if (monitors.Count == 0 || bug is not null) return;
        foreach (int index in SubscribersOf<TEvent>())
        {
            // SubscribersOf tested that this monitor is one of TEvent.
            var monitor = Unsafe.As<IMonitor<TEvent>>(monitors[index]);
            if (monitor.Observe(e) is { } violation)
                Fail(BugKind.MonitorViolation, $"{monitor.Name}: {violation}");
        }
    }

    /// <summary>Where the monitors of events of type <typeparamref name="TEvent"/> are in <see cref="monitors"/>, in order.</summary>
    int[] SubscribersOf<TEvent>()
    {
        int slot = EventSlot<TEvent>.Index;
        if (slot >= subscribers.Length) Array.Resize(ref subscribers, Math.Max(slot + 1, subscribers.Length * 2));
        ref var found = ref subscribers[slot];
        // Monitors added since it was worked out may be of this type too.
        if (found.Indices is not null && found.MonitorCount == monitors.Count) return found.Indices;
        var indices = new List<int>();
        for (int i = 0; i < monitors.Count; i++)
            if (monitors[i] is IMonitor<TEvent>) indices.Add(i);
        found = new Subscribers(monitors.Count, indices.ToArray());
        return found.Indices;
    }

    readonly record struct Subscribers(int MonitorCount, int[] Indices);

    internal void RecordBug(BugKind kind, string message) =>
        bug ??= new Bug(kind, message, step, CurrentTask);

    /// <summary>Parks the running task at an await on a controlled primitive; false when no task of this runtime is running.</summary>
    internal bool Suspend(Action continuation, IBlocker? blocker, ControlledObject? target, OpKind op, MemoryOrder order)
    {
        if (Environment.CurrentManagedThreadId != ownerThread || current is null)
        {
            // Uncontrolled code (a continuation on the thread pool, say) reached a controlled primitive.
            // Throwing here would crash the process from the pool, so the continuation is dropped: that
            // code never runs again, and the scheduler reports the bug.
            foreignAccess ??= $"a controlled {op} was awaited outside the runtime's tasks (from another thread or after the execution ended)";
            return false;
        }
        var task = current;
        task.Continuation = continuation;
        task.Blocker = blocker;
        task.PendingObject = target;
        task.PendingOp = op;
        task.PendingOrder = order;
        suspended = true;
        return true;
    }

    /// <summary>Parks the running task at a join of <paramref name="joined"/>: it may go on once that task has finished.</summary>
    internal void SuspendJoin(Action continuation, ControlledTask joined)
    {
        if (Suspend(continuation, null, null, OpKind.Join, MemoryOrder.SeqCst)) current!.Joining = joined;
    }

    /// <summary>Records an access by the running task; every controlled operation calls it when it happens.</summary>
    /// <remarks>
    /// Inlined into every accessor: a map execution makes thousands of accesses, most of them inside a step and
    /// under sc with no race detection yet (the main task alone), where all it does is log the access.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void RecordAccess(ControlledObject target, OpKind op, MemoryOrder order)
    {
        int index = Append(target.Id, op, order);
        if (op.Writes()) memoryVersion++;
        if ((races is not null && !races.Alone) || Weak is not null) Synchronise(target, op, order, index);
    }

    // What an access adds beyond the log: the race detector's check, and the memory model's part in locks and wait groups.
    [MethodImpl(MethodImplOptions.NoInlining)]
    void Synchronise(ControlledObject target, OpKind op, MemoryOrder order, int index)
    {
        if (races is not null && !races.Alone && races.OnAccess(target.Id, current!.Id, op, order, index) is var other and >= 0)
            ReportRace(target, other, index);
        // Cells talk to the memory model themselves; locks and wait groups synchronise through it here.
        if (Weak is not null && op >= OpKind.Lock && op <= OpKind.WaitGroupWait) Weak.OnSynchronization(target.Id, op);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    int Append(int target, OpKind op, MemoryOrder order)
    {
        if (accessCount == accesses.Length) GrowAccesses();
        accesses[accessCount] = new Access(step, current!.Id, target, op, order);
        return accessCount++;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    void GrowAccesses() => Array.Resize(ref accesses, accesses.Length * 2);

    // Kept out of RecordAccess, which runs on every access, so that stays small enough to inline.
    [MethodImpl(MethodImplOptions.NoInlining)]
    void ReportRace(ControlledObject target, int earlier, int later) =>
        RecordBug(BugKind.DataRace,
            $"data race on {target.Name}: {Describe(accesses[earlier])} and {Describe(accesses[later])} are not ordered by happens-before");

    string Describe(Access a) => $"task '{tasks[a.Task].Name}' {a.Order.ToName()} {a.Op.ToName()} at step {a.Step}";

    internal void RecordFence(MemoryOrder order)
    {
        Append(-1, OpKind.Fence, order);
        races?.OnFence(current!.Id, order);
        Weak?.Fence(order);
        if (Recorder is { } r) r.Add(step, CurrentTask, $"fence ({order.ToName()})");
    }

    internal void Joined(ControlledTask joined)
    {
        observer?.OnJoin(joined.Id);
        races?.OnJoin(current!.Id, joined.Id);
        Weak?.OnJoin(current!.Id, joined.Id);
        if (Recorder is { } r) r.Add(step, CurrentTask, $"join {joined.Name}");
    }

    /// <summary>
    /// Tells partial-order reduction that the running step holds an event whose real-time order decides a
    /// check: a recorded history's call (<paramref name="completes"/> false) or return. Which returns come
    /// before which calls constrains linearizability, so a call and a return in steps of two tasks are
    /// dependent (calls commute with calls) even when the steps access nothing in common; otherwise DPOR
    /// would explore only one of two schedules that differ just in whether an operation returned before
    /// another was called. Other strategies ignore it.
    /// </summary>
    public void MarkRealTimeEvent(bool completes) => observer?.OnRealTimeEvent(completes);

    /// <summary>The running task changed <paramref name="target"/>'s state by parking on it.</summary>
    internal void ParkedOn(ControlledObject target, bool write) => observer?.OnParked(target.Id, write);

    internal void Yielded()
    {
        if (Recorder is { } r) r.Add(step, CurrentTask, "yield");
    }
}
