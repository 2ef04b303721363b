namespace ModelCheck.Engine;

/// <summary>
/// x86-TSO (Owens, Sarkar and Sewell, "A better x86 memory model: x86-TSO", TPHOLs 2009): each task has
/// a FIFO store buffer; a load reads the newest buffered store of its own task to that location, else
/// memory. Every store goes to the buffer (release, relaxed and plain stores are plain x86 moves); a
/// seq_cst store is a store followed by a full fence. A full fence (a seq_cst fence) and every locked
/// instruction (read-modify-writes, and the lock, unlock and wait-group operations, which real
/// implementations build from them) drain the task's buffer and act on memory. Release and acquire
/// fences are no-ops. A finishing task drains its buffer: a thread's exit synchronises.
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

    public override void OnJoin(int joiner, int joined) { }

    public override void OnFinish(int task) => Drain(task, all: true);

    public override void OnSynchronization(int obj, OpKind op) => Drain(Task, all: true);

    public override void BeforeStep(int nextStep)
    {
        Span<int> nonEmpty = stackalloc int[tasks];
        while (true)
        {
            int count = 0;
            for (int t = 0; t < tasks; t++)
                if (buffers[t].Count > 0) nonEmpty[count++] = t;
            if (count == 0) return;
            int option = Runtime.ChooseMemory(ChoiceKind.Drain, count + 1);
            if (option == 0) return;
            int owner = nonEmpty[option - 1];
            var (location, message) = buffers[owner][0];
            if (Runtime.IsRecording) Runtime.NoteFor(nextStep, owner, $"drain {location.Name} = {location.Show(message)} to memory");
            Drain(owner, all: false);
        }
    }

    public override int Latest(IWeakLocation location) => At(location).InMemory;

    public override string Source(IWeakLocation location, int message)
    {
        var buffer = buffers[Task];
        for (int i = buffer.Count - 1; i >= 0; i--)
            if (buffer[i].Location == location) return "own buffer";
        return "memory: " + At(location).Writers.Describe(Runtime, message);
    }

    public override string StoreNote(IWeakLocation location, int message) =>
        buffers[Task].Count > 0 ? " (buffered)" : "";

    void Drain(int task, bool all)
    {
        var buffer = buffers[task];
        int n = all ? buffer.Count : Math.Min(1, buffer.Count);
        for (int i = 0; i < n; i++) At(buffer[i].Location).InMemory = buffer[i].Message;
        buffer.RemoveRange(0, n);
    }

    Location At(IWeakLocation location)
    {
        int id = location.Id;
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
