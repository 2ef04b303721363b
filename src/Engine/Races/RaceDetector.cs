using System.Runtime.CompilerServices;

namespace ModelCheck.Engine;

/// <summary>
/// Happens-before data-race detection with vector clocks, in the style of FastTrack (Flanagan and
/// Freund, PLDI 2009): every task has a vector clock; each location remembers, per task, the epoch
/// (that task's clock, and the access that carried it) of its last write, last plain write, last read
/// and last plain read. An access races with an earlier conflicting access of another task whose epoch
/// its clock does not cover, when at least one of the two is plain. Keeping the latest access per task
/// is enough: an earlier access of that task is program-ordered before it, so if the latest is covered,
/// so is every earlier one. Atomic accesses to a location that never saw a plain access skip the scan.
///
/// Happens-before comes from spawn and join; Mutex and RWMutex unlock → lock (RUnlock → Lock only);
/// WaitGroup Add/Done → Wait; and atomics: a release store (or release RMW) publishes its task's clock
/// on the location, an acquire load or RMW joins it. Release sequences follow RC11: later relaxed stores
/// of the same task and RMWs of any task continue one, another task's store ends it. Fences: a release
/// fence lends its clock to the task's later relaxed stores; relaxed loads collect what they saw, which a
/// later acquire fence joins.
///
/// The clock a load joins is the location's latest release, whichever message the memory model let the
/// load read. Under tso and ra a load can read an older message, so this can only add edges (never
/// report a race that is not one); the race stays visible in the schedule where the load runs first.
/// Everything is reused across executions: locations are reset lazily by generation.
///
/// Until the main task spawns its first child, nothing is recorded (<see cref="Alone"/>): every access and
/// release of that prefix happens before everything any later task does (each task descends from the main
/// task after that point and starts knowing its clock), so its epochs could never be reported and what it
/// released could add nothing to an acquirer's clock. Map scenarios build their map there, and some run
/// wholly single-task.
/// </summary>
internal sealed class RaceDetector
{
    // A location's epochs are task-major: [task * Slots + kind], each kind a (clock, access index) pair.
    const int Write = 0, PlainWrite = 2, Read = 4, PlainRead = 6, Slots = 8;

    // Which epochs of the other tasks a check compares with its clock (Location.Checked). Each includes what it
    // implies (all writes include the plain ones, all reads the plain reads), so that one check covers another
    // when its bits include the other's.
    const int ScansPlainWrites = 2, ScansWrites = 1 | ScansPlainWrites, ScansPlainReads = 8, ScansReads = 4 | ScansPlainReads;
    const byte ScansAll = ScansWrites | ScansReads;

    sealed class Location
    {
        public int Generation = -1;
        public int[] Epochs = new int[Slots * 4];
        public bool AnyPlain;
        // The task of the last access (-1 before the first), and which epochs of the other tasks its checks
        // compared since another task last accessed the location. Until another task accesses it those epochs stay as they were and
        // the task's clock only grows, so a check of no more of them finds what the last one found: nothing,
        // or a race already reported (the first bug is the one kept). Such a check is skipped: a task's
        // repeated accesses to one location, as in one map operation, scan the other tasks once.
        public int LastTask;
        public byte Checked;
        // What an acquire of this object joins: a release sequence's clock, a lock's or a wait group's releases.
        public int[] Released = [];
        public bool HasReleased;
        public int ReleasedBy;
        // RWMutex: what RUnlock releases; only a writer's Lock acquires it.
        public int[] ReaderReleased = [];
        public bool HasReaderReleased;
    }

    Location?[] locations = new Location?[64];
    int[][] clocks = [];
    int[][] fenceReleased = [];
    bool[] hasFenceReleased = [];
    int[][] pendingAcquire = [];
    bool[] hasPendingAcquire = [];
    int width;
    int tasks;
    int generation;

    /// <summary>True while only the main task exists: accesses and fences need not be recorded (see above).</summary>
    public bool Alone => tasks < 2;

    public void Reset()
    {
        generation++;
        tasks = 0;
    }

    /// <summary>The child starts knowing everything its parent did; the parent's next accesses are new.</summary>
    public void OnSpawn(int parent, int child)
    {
        if (child >= width) Grow(Math.Max(8, child * 2));
        tasks = child + 1;
        VectorClock.Assign(ref clocks[child], parent >= 0 ? clocks[parent] : null, width);
        clocks[child][child] = 1;
        hasFenceReleased[child] = false;
        hasPendingAcquire[child] = false;
        if (parent >= 0) clocks[parent][parent]++;
    }

    /// <summary>Everything the joined task did happens before the joiner goes on.</summary>
    public void OnJoin(int joiner, int joined) => VectorClock.Join(ref clocks[joiner], clocks[joined], width);

    public void OnFence(int task, MemoryOrder order)
    {
        if (Alone) return;
        if (order.Acquires() && hasPendingAcquire[task]) VectorClock.Join(ref clocks[task], pendingAcquire[task], width);
        if (order.Releases())
        {
            VectorClock.Assign(ref fenceReleased[task], clocks[task], width);
            hasFenceReleased[task] = true;
            clocks[task][task]++;
        }
    }

    /// <summary>
    /// Checks and records an access by <paramref name="task"/>; <paramref name="access"/> is its index in the
    /// runtime's access log. Returns the index of an earlier access it races with, or -1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]   // into Runtime.Synchronise, its one caller: a call less per access
    public int OnAccess(int obj, int task, OpKind op, MemoryOrder order, int access)
    {
        var location = At(obj);
        int race = -1;
        switch (op)
        {
            case OpKind.Load:
                race = Check(location, task, order, access, reads: true, writes: false);
                if (location.HasReleased) AcquireFrom(location, task, order);
                break;
            case OpKind.Store:
                race = Check(location, task, order, access, reads: false, writes: true);
                // A plain store ends any release sequence (what ReleaseByStore does for it, without the call).
                if (order == MemoryOrder.Plain) location.HasReleased = false;
                else ReleaseByStore(location, task, order);
                break;
            case OpKind.CompareExchange or OpKind.Exchange or OpKind.FetchAdd:
                race = Check(location, task, order, access, reads: true, writes: true);
                AcquireFrom(location, task, order);
                ReleaseByUpdate(location, task, order);
                break;
            case OpKind.Lock:
                Acquire(ref location.Released, location.HasReleased, task);
                Acquire(ref location.ReaderReleased, location.HasReaderReleased, task);
                break;
            case OpKind.RLock or OpKind.WaitGroupWait:
                Acquire(ref location.Released, location.HasReleased, task);
                break;
            case OpKind.Unlock or OpKind.WaitGroupAdd:
                Release(ref location.Released, ref location.HasReleased, clocks[task], join: true);
                clocks[task][task]++;
                break;
            case OpKind.RUnlock:
                Release(ref location.ReaderReleased, ref location.HasReaderReleased, clocks[task], join: true);
                clocks[task][task]++;
                break;
        }
        return race;
    }

    int Check(Location location, int task, MemoryOrder order, int access, bool reads, bool writes)
    {
        bool plain = order == MemoryOrder.Plain;
        int slot = task * Slots;
        var epochs = location.Epochs;
        if (slot + Slots > epochs.Length) epochs = GrowEpochs(location, slot + Slots);
        if (location.LastTask != task)
        {
            // The first access of the execution has no other task's epochs to compare: nothing to scan until another task's access.
            location.Checked = location.LastTask < 0 ? ScansAll : (byte)0;
            location.LastTask = task;
        }
        // A plain access conflicts with any write (and, if it writes, any read); an atomic one only with plain ones.
        int scans = plain ? (writes ? ScansWrites | ScansReads : ScansWrites)
            : !location.AnyPlain ? 0
            : writes ? ScansPlainWrites | ScansPlainReads : ScansPlainWrites;
        int race = -1;
        if ((scans & ~location.Checked) != 0)
        {
            location.Checked |= (byte)scans;
            race = Scan(epochs, clocks[task], task, plain, writes);
        }
        if (plain) location.AnyPlain = true;
        int clock = clocks[task][task];
        if (writes)
        {
            epochs[slot + Write] = clock;
            epochs[slot + Write + 1] = access;
            if (plain)
            {
                epochs[slot + PlainWrite] = clock;
                epochs[slot + PlainWrite + 1] = access;
            }
        }
        if (reads)
        {
            epochs[slot + Read] = clock;
            epochs[slot + Read + 1] = access;
            if (plain)
            {
                epochs[slot + PlainRead] = clock;
                epochs[slot + PlainRead + 1] = access;
            }
        }
        return race;
    }

    /// <summary>The first other task's conflicting access that <paramref name="known"/> (the accessing task's clock) does not cover, or -1.</summary>
    int Scan(int[] epochs, int[] known, int task, bool plain, bool writes)
    {
        int writeKind = plain ? Write : PlainWrite, readKind = plain ? Read : PlainRead;
        int scanned = Math.Min(tasks, epochs.Length / Slots);
        for (int other = 0; other < scanned; other++)
        {
            if (other == task) continue;
            int b = other * Slots, seen = known[other];
            if (epochs[b + writeKind] > seen) return epochs[b + writeKind + 1];
            if (writes && epochs[b + readKind] > seen) return epochs[b + readKind + 1];
        }
        return -1;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static int[] GrowEpochs(Location location, int length)
    {
        Array.Resize(ref location.Epochs, Math.Max(location.Epochs.Length * 2, length));
        return location.Epochs;
    }

    void AcquireFrom(Location location, int task, MemoryOrder order)
    {
        if (!location.HasReleased) return;
        if (order.Acquires())
        {
            VectorClock.Join(ref clocks[task], location.Released, width);
        }
        else
        {
            // A relaxed read synchronises only through a later acquire fence.
            if (!hasPendingAcquire[task]) VectorClock.Assign(ref pendingAcquire[task], null, width);
            VectorClock.Join(ref pendingAcquire[task], location.Released, width);
            hasPendingAcquire[task] = true;
        }
    }

    void ReleaseByStore(Location location, int task, MemoryOrder order)
    {
        if (order.Releases())
        {
            Release(ref location.Released, ref location.HasReleased, clocks[task], join: false);
            location.ReleasedBy = task;
            clocks[task][task]++;
        }
        else if (order.IsAtomic() && hasFenceReleased[task])
        {
            Release(ref location.Released, ref location.HasReleased, fenceReleased[task], join: false);
            location.ReleasedBy = task;
        }
        else if (location.ReleasedBy != task || !order.IsAtomic())
        {
            location.HasReleased = false;
        }
    }

    void ReleaseByUpdate(Location location, int task, MemoryOrder order)
    {
        // A read-modify-write continues any release sequence it reads from, and may start its own.
        if (order.Releases())
        {
            Release(ref location.Released, ref location.HasReleased, clocks[task], join: true);
            location.ReleasedBy = task;
            clocks[task][task]++;
        }
        else if (hasFenceReleased[task])
        {
            Release(ref location.Released, ref location.HasReleased, fenceReleased[task], join: true);
        }
    }

    void Acquire(ref int[] released, bool has, int task)
    {
        if (has) VectorClock.Join(ref clocks[task], released, width);
    }

    void Release(ref int[] into, ref bool has, int[] clock, bool join)
    {
        if (has && join) VectorClock.Join(ref into, clock, width);
        else VectorClock.Assign(ref into, clock, width);
        has = true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    Location At(int obj) =>
        (uint)obj < (uint)locations.Length && locations[obj] is { } location && location.Generation == generation ? location : Renew(obj);

    // The location's first access in this execution: made, or reset from an earlier execution.
    [MethodImpl(MethodImplOptions.NoInlining)]
    Location Renew(int obj)
    {
        if (obj >= locations.Length) Array.Resize(ref locations, Math.Max(locations.Length * 2, obj + 1));
        var location = locations[obj] ??= new Location();
        if (location.Generation != generation)
        {
            location.Generation = generation;
            Array.Clear(location.Epochs);
            location.AnyPlain = false;
            location.LastTask = -1;
            location.HasReleased = false;
            location.ReleasedBy = -1;
            location.HasReaderReleased = false;
        }
        return location;
    }

    void Grow(int newWidth)
    {
        Array.Resize(ref clocks, newWidth);
        Array.Resize(ref fenceReleased, newWidth);
        Array.Resize(ref hasFenceReleased, newWidth);
        Array.Resize(ref pendingAcquire, newWidth);
        Array.Resize(ref hasPendingAcquire, newWidth);
        for (int t = 0; t < newWidth; t++)
        {
            Array.Resize(ref clocks[t], newWidth);
            fenceReleased[t] ??= [];
            pendingAcquire[t] ??= [];
        }
        width = newWidth;
    }
}
