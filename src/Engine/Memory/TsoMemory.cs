namespace ModelCheck.Engine;

/// <summary>
/// x86-TSO (Owens, Sarkar and Sewell, "A better x86 memory model: x86-TSO", TPHOLs 2009): each task has
/// a FIFO store buffer; a load reads the newest buffered store of its own task to that location, else
/// memory. Every store goes to the buffer (release, relaxed and plain stores are plain x86 moves); a
/// seq_cst store is a store followed by a full fence. A full fence (a seq_cst fence) and every locked
/// instruction (read-modify-writes, and the lock, unlock and wait-group operations, which real
/// implementations build from them) drain the task's buffer and act on memory. Release and acquire
/// fences are no-ops. A finished task's buffer keeps draining like any other (draining it when the task
/// finishes would forbid SB: a thread's last load and its exit are one step); joining a task drains what
/// it left, since a join waits for the thread, and when every task has finished the remaining stores
/// drain in an order the strategy picks, so the final memory covers every drain order.
///
/// Draining is a scheduled event: before each step, while some buffer holds stores, the strategy picks
/// "run the step" (option 0) or "drain the oldest store of the k-th non-empty buffer" (option k), as a
/// <see cref="ChoiceKind.Drain"/> choice. Any drain order is thus reachable, and a fence that finds its
/// buffer non-empty drains it at once, which is what waiting for the drain would allow.
/// </summary>
internal sealed class TsoMemory(Runtime runtime) : WeakMemory(runtime)
{
    sealed class Location
    {
        public int Generation = -1;
        public int InMemory;
        public readonly MessageWriters Writers = new();
    }

    List<(IWeakLocation Location, int Message)>[] buffers = [];
    Location?[] locations = new Location?[16];
    int tasks;
    int generation;

    public override void Reset()
    {
        generation++;
        for (int t = 0; t < tasks; t++) buffers[t].Clear();
        tasks = 0;
    }

    public override int Load(IWeakLocation location, MemoryOrder order)
    {
        var buffer = buffers[Task];
        for (int i = buffer.Count - 1; i >= 0; i--)
            if (buffer[i].Location == location) return buffer[i].Message;
        return At(location).InMemory;
    }

    public override void Store(IWeakLocation location, int message, MemoryOrder order)
    {
        At(location).Writers.Add(Task, Runtime.Step);
        buffers[Task].Add((location, message));
        if (order == MemoryOrder.SeqCst) Drain(Task, all: true);
    }

    public override int ReadForUpdate(IWeakLocation location, MemoryOrder order)
    {
        Drain(Task, all: true);
        return At(location).InMemory;
    }

    public override void CompleteUpdate(IWeakLocation location, int read, int message, MemoryOrder order)
    {
        if (message < 0) return;
        var state = At(location);
        state.Writers.Add(Task, Runtime.Step);
        state.InMemory = message;
        Runtime.Recorder?.Memory.Place(location, message, after: null);
    }

    public override void Fence(MemoryOrder order)
    {
        if (order == MemoryOrder.SeqCst) Drain(Task, all: true);
    }

    public override void OnSpawn(int parent, int child)
    {
        if (child >= buffers.Length) Array.Resize(ref buffers, Math.Max(8, child * 2));
        buffers[child] ??= [];
        buffers[child].Clear();
        tasks = child + 1;
        if (parent >= 0) Drain(parent, all: true);
    }

    public override void OnJoin(int joiner, int joined) => Drain(joined, all: true);

    public override void AtEnd(int nextStep)
    {
        while (DrainOne(nextStep, canStop: false)) { }
    }

    public override void OnSynchronization(int obj, OpKind op) => Drain(Task, all: true);

    public override void BeforeStep(int nextStep)
    {
        while (DrainOne(nextStep, canStop: true)) { }
    }

    /// <summary>
    /// Asks the strategy whether to drain, and whose buffer: option k drains the oldest store of the k-th
    /// non-empty buffer, counted from 1 when option 0 (drain nothing) is offered. False when nothing drained.
    /// </summary>
    bool DrainOne(int nextStep, bool canStop)
    {
        Span<int> nonEmpty = stackalloc int[tasks];
        int count = 0;
        for (int t = 0; t < tasks; t++)
            if (buffers[t].Count > 0) nonEmpty[count++] = t;
        if (count == 0) return false;
        int option = Runtime.ChooseMemory(ChoiceKind.Drain, canStop ? count + 1 : count);
        if (canStop && option == 0) return false;
        int owner = nonEmpty[canStop ? option - 1 : option];
        var (location, message) = buffers[owner][0];
        if (Runtime.IsRecording) Runtime.NoteFor(nextStep, owner, $"drain {location.Name} = {location.Show(message)} to memory");
        Drain(owner, all: false);
        return true;
    }

    // Ghost code runs inside the step of the task that just ran (a monitor woken by its event), so it sees what
    // that task sees: its own buffered stores over memory. Memory alone would show a half-made state that no
    // task ever sees: when a resize publishes a forwarding node, the halves it stored first are still in the
    // same FIFO buffer, and they reach memory before the node does.
    public override int Latest(IWeakLocation location) => Load(location, MemoryOrder.Relaxed);

    public override string Source(IWeakLocation location, int message)
    {
        var buffer = buffers[Task];
        for (int i = buffer.Count - 1; i >= 0; i--)
            if (buffer[i].Location == location) return "own buffer";
        return "memory: " + At(location).Writers.Describe(Runtime, message);
    }

    public override string StoreNote(IWeakLocation location, int message) =>
        buffers[Task].Count > 0 ? " (buffered)" : "";

    /// <summary>Each task's buffer, oldest store on the left (the next to drain), and what memory holds.</summary>
    public override StateDrawing Draw()
    {
        var recorder = Runtime.Recorder!;
        var names = recorder.TaskNames;
        var rows = new List<DrawnRow>();
        for (int t = 0; t < names.Count && t < buffers.Length; t++)
        {
            var buffer = buffers[t] ?? [];
            var boxes = new List<DrawnBox>();
            for (int i = 0; i < buffer.Count; i++)
            {
                var (location, message) = buffer[i];
                var store = recorder.Memory.Location(location.Id)!.Stores[message];
                boxes.Add(new DrawnBox($"buffer {names[t]} {i}", [new($"{location.Name} = {store.Value}"), new($"step {store.Step}")], Tone.Held));
            }
            if (boxes.Count == 0) boxes.Add(new DrawnBox($"buffer {names[t]}", [new("empty")], Tone.Empty));
            rows.Add(new DrawnRow(names[t], boxes, []));
        }
        var memory = recorder.Memory.Locations.Select(location =>
        {
            var store = location.Stores[At(location.Id).InMemory];
            return new DrawnRow(location.Name, [new DrawnBox(location.Name, [new(store.Value), new(WrittenBy(store))])], []);
        }).ToList();
        return new StateDrawing(["tso: a store waits in its task's buffer (oldest on the left, drained first) until it reaches memory"],
            [new DrawnPanel("buffers", "store buffers", rows), new DrawnPanel("memory", "memory", memory)], []);
    }

    void Drain(int task, bool all)
    {
        var buffer = buffers[task];
        int n = all ? buffer.Count : Math.Min(1, buffer.Count);
        for (int i = 0; i < n; i++)
        {
            At(buffer[i].Location).InMemory = buffer[i].Message;
            Runtime.Recorder?.Memory.Place(buffer[i].Location, buffer[i].Message, after: null);
        }
        if (n > 0) Runtime.MemoryChanged();
        buffer.RemoveRange(0, n);
    }

    Location At(IWeakLocation location) => At(location.Id);

    Location At(int id)
    {
        if (id >= locations.Length) Array.Resize(ref locations, Math.Max(locations.Length * 2, id + 1));
        var state = locations[id] ??= new Location();
        if (state.Generation != generation)
        {
            state.Generation = generation;
            state.InMemory = 0;
            state.Writers.Clear();
        }
        return state;
    }
}
