namespace ModelCheck.Engine;

/// <summary>
/// The RC11 fragment (Lahav, Vafeiadis, Kang, Hur and Dreyer, "Repairing sequential consistency in
/// C/C++11", PLDI 2017) as a view-based machine in the style of the promise-free promising semantics
/// (Kang et al., POPL 2017): loads read existing messages only, so load buffering never happens.
///
/// Each location keeps its messages (stores) in modification order. Each task has a current view (per
/// location, the newest message it has seen), an acquire view (what its relaxed loads saw, which an
/// acquire fence adopts) and a release view (its current view at its last release fence). A load may
/// read any message not older than the task's view of the location; an acquire load also adopts the
/// view the message carries. A store may go anywhere in the modification order after the task's view
/// (the RA machine of Lahav, Giannarakis and Vafeiadis, POPL 2016: that is what allows 2+2W), except
/// between a message and the read-modify-write that read it. A release store carries the task's view;
/// a relaxed one carries its release-fence view. A read-modify-write reads a message no other
/// read-modify-write has read and goes right after it, carrying that message's view on (release sequences).
/// A seq_cst fence joins the global SC view and publishes back to it, which is what forbids SB and IRIW
/// with fences; a seq_cst access is an acquire/release access with that SC synchronisation before and after.
///
/// Choices: <see cref="ChoiceKind.ReadFrom"/> picks the message a load reads (0: the newest) and
/// <see cref="ChoiceKind.StorePlacement"/> where a store goes (0: last). Locks, wait groups, spawn and join
/// transfer views as release/acquire pairs do.
/// </summary>
internal sealed class RaMemory : WeakMemory
{
    sealed class Location
    {
        public int Generation = -1;
        public readonly List<int> Order = [];    // message ids in modification order
        public readonly List<int> Rank = [];     // by message id: its place in Order
        public readonly List<View?> Views = [];  // by message id: the view it carries (null: none)
        public readonly List<bool> Taken = [];   // by message id: a read-modify-write was placed right after it
        public readonly MessageWriters Writers = new();
    }

    sealed class Lock
    {
        public int Generation = -1;
        public readonly View Released = new();
        public readonly View ReaderReleased = new();
    }

    readonly Func<int, int, int> rank;
    readonly View sc = new();
    readonly List<int> options = [];
    Location?[] locations = new Location?[16];
    Lock?[] locks = new Lock?[16];
    View[] current = [];
    View[] acquired = [];
    View[] released = [];
    bool[] hasReleased = [];
    int generation;

    public RaMemory(Runtime runtime) : base(runtime) => rank = (location, message) => At(location).Rank[message];

    public override void Reset()
    {
        generation++;
        sc.Clear();
    }

    public override int Load(IWeakLocation location, MemoryOrder order)
    {
        int task = Task;
        if (order == MemoryOrder.SeqCst) SynchroniseSc(task);
        var state = At(location.Id);
        int oldest = state.Rank[current[task][location.Id]];
        int option = Runtime.ChooseMemory(ChoiceKind.ReadFrom, state.Order.Count - oldest);
        int message = state.Order[state.Order.Count - 1 - option];
        Read(task, location.Id, state, message, order.Acquires());
        if (order == MemoryOrder.SeqCst) SynchroniseSc(task);
        return message;
    }

    public override void Store(IWeakLocation location, int message, MemoryOrder order)
    {
        int task = Task;
        if (order == MemoryOrder.SeqCst) SynchroniseSc(task);
        var state = At(location.Id);
        options.Clear();
        for (int place = state.Order.Count - 1; place >= state.Rank[current[task][location.Id]]; place--)
            if (!state.Taken[state.Order[place]]) options.Add(place);
        int after = options[Runtime.ChooseMemory(ChoiceKind.StorePlacement, options.Count)];
        Write(task, location, state, message, after, order, carried: null);
        if (order == MemoryOrder.SeqCst) SynchroniseSc(task);
    }

    public override int ReadForUpdate(IWeakLocation location, MemoryOrder order)
    {
        int task = Task;
        if (order == MemoryOrder.SeqCst) SynchroniseSc(task);
        var state = At(location.Id);
        options.Clear();
        // A message another read-modify-write already follows can only be read by one that will not write.
        for (int place = state.Order.Count - 1; place >= state.Rank[current[task][location.Id]]; place--)
        {
            int candidate = state.Order[place];
            if (!state.Taken[candidate] || !location.UpdateWrites(candidate)) options.Add(candidate);
        }
        int message = options[Runtime.ChooseMemory(ChoiceKind.ReadFrom, options.Count)];
        Read(task, location.Id, state, message, order.Acquires());
        return message;
    }

    public override void CompleteUpdate(IWeakLocation location, int read, int message, MemoryOrder order)
    {
        int task = Task;
        if (message >= 0)
        {
            var state = At(location.Id);
            Write(task, location, state, message, state.Rank[read], order, carried: state.Views[read]);
            state.Taken[read] = true;
        }
        if (order == MemoryOrder.SeqCst) SynchroniseSc(task);
    }

    public override void Fence(MemoryOrder order)
    {
        int task = Task;
        if (order.Acquires()) current[task].Join(acquired[task], rank);
        if (order == MemoryOrder.SeqCst) SynchroniseSc(task);
        if (order.Releases())
        {
            released[task].CopyFrom(current[task]);
            hasReleased[task] = true;
        }
    }

    public override void OnSpawn(int parent, int child)
    {
        if (child >= current.Length) Grow(Math.Max(8, child * 2));
        if (parent >= 0)
        {
            current[child].CopyFrom(current[parent]);
            acquired[child].CopyFrom(current[parent]);
        }
        else
        {
            current[child].Clear();
            acquired[child].Clear();
        }
        hasReleased[child] = false;
    }

    public override void OnJoin(int joiner, int joined)
    {
        current[joiner].Join(current[joined], rank);
        acquired[joiner].Join(current[joined], rank);
    }

    public override void OnSynchronization(int obj, OpKind op)
    {
        int task = Task;
        var lockState = LockAt(obj);
        switch (op)
        {
            case OpKind.Lock:
                Acquire(task, lockState.Released);
                Acquire(task, lockState.ReaderReleased);
                break;
            case OpKind.RLock or OpKind.WaitGroupWait:
                Acquire(task, lockState.Released);
                break;
            case OpKind.Unlock or OpKind.WaitGroupAdd:
                lockState.Released.Join(current[task], rank);
                break;
            case OpKind.RUnlock:
                lockState.ReaderReleased.Join(current[task], rank);
                break;
        }
    }

    public override int Latest(IWeakLocation location) => At(location.Id).Order[^1];

    public override string Source(IWeakLocation location, int message) => At(location.Id).Writers.Describe(Runtime, message);

    public override string StoreNote(IWeakLocation location, int message)
    {
        var state = At(location.Id);
        int place = state.Rank[message];
        return place == state.Order.Count - 1 ? ""
            : $" (modification order: before {state.Writers.Describe(Runtime, state.Order[place + 1])})";
    }

    /// <summary>Each location's messages in modification order (oldest on the left), with each task's view marked under the message it is at.</summary>
    public override StateDrawing Draw()
    {
        var recorder = Runtime.Recorder!;
        var names = recorder.TaskNames;
        var rows = recorder.Memory.Locations.Select(location =>
        {
            var order = At(location.Id).Order;
            var slots = order.Select(message =>
            {
                var store = location.Stores[message];
                var viewers = Enumerable.Range(0, Math.Min(names.Count, current.Length)).Where(t => current[t][location.Id] == message).Select(t => names[t]).ToList();
                return new DrawnSlot($"{store.Value} ({WrittenBy(store)})", Tone.Plain, viewers);
            }).ToList();
            return new DrawnRow(location.Name, [new DrawnBox(location.Name, slots)], []);
        }).ToList();
        return new StateDrawing(["ra: each location's stores in modification order, oldest on the left; ^ marks each task's view (it may read that store or a later one)"],
            [new DrawnPanel("modification-order", "modification order and views", rows)], []);
    }

    void Read(int task, int location, Location state, int message, bool acquire)
    {
        current[task].Raise(location, message, rank);
        acquired[task].Raise(location, message, rank);
        var carried = state.Views[message];
        if (acquire) current[task].Join(carried, rank);
        acquired[task].Join(carried, rank);
    }

    void Write(int task, IWeakLocation weakLocation, Location state, int message, int after, MemoryOrder order, View? carried)
    {
        int location = weakLocation.Id;
        if (message != state.Rank.Count) throw new InvalidOperationException($"message {message} of {location} issued out of order");
        state.Writers.Add(task, Runtime.Step);
        Runtime.Recorder?.Memory.Place(weakLocation, message, after: state.Order[after]);
        state.Order.Insert(after + 1, message);
        state.Rank.Add(0);
        for (int place = after + 1; place < state.Order.Count; place++) state.Rank[state.Order[place]] = place;
        state.Taken.Add(false);
        state.Views.Add(null);
        current[task].Raise(location, message, rank);
        acquired[task].Raise(location, message, rank);
        View? view = order.Releases() ? current[task].Copy()
            : hasReleased[task] ? released[task].Copy()
            : carried is not null ? new View() : null;
        if (view is not null)
        {
            view.Join(carried, rank);
            view.Raise(location, message, rank);
        }
        state.Views[message] = view;
    }

    void Acquire(int task, View from)
    {
        current[task].Join(from, rank);
        acquired[task].Join(from, rank);
    }

    void SynchroniseSc(int task)
    {
        current[task].Join(sc, rank);
        acquired[task].Join(sc, rank);
        sc.CopyFrom(current[task]);
    }

    Location At(int id)
    {
        if (id >= locations.Length) Array.Resize(ref locations, Math.Max(locations.Length * 2, id + 1));
        var state = locations[id] ??= new Location();
        if (state.Generation != generation)
        {
            state.Generation = generation;
            state.Order.Clear();
            state.Order.Add(0);
            state.Rank.Clear();
            state.Rank.Add(0);
            state.Views.Clear();
            state.Views.Add(null);
            state.Taken.Clear();
            state.Taken.Add(false);
            state.Writers.Clear();
        }
        return state;
    }

    Lock LockAt(int id)
    {
        if (id >= locks.Length) Array.Resize(ref locks, Math.Max(locks.Length * 2, id + 1));
        var state = locks[id] ??= new Lock();
        if (state.Generation != generation)
        {
            state.Generation = generation;
            state.Released.Clear();
            state.ReaderReleased.Clear();
        }
        return state;
    }

    void Grow(int width)
    {
        int old = current.Length;
        Array.Resize(ref current, width);
        Array.Resize(ref acquired, width);
        Array.Resize(ref released, width);
        Array.Resize(ref hasReleased, width);
        for (int t = old; t < width; t++)
        {
            current[t] = new View();
            acquired[t] = new View();
            released[t] = new View();
        }
    }
}
