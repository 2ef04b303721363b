namespace ModelCheck.Models.Linearizability;

/// <summary>
/// Wing and Gong's search for a linearization, with Lowe's memoisation as Porcupine implements it.
/// The completed operations' call and return events sit in one list sorted by time. Walking it from the
/// front, a call event is an operation that may be linearized next (no operation still in the list
/// returned before it was called); linearizing it applies it to the specification's state and, if the
/// result matches, lifts both its events out of the list and restarts from the front. The first return
/// event met is the frontier: the operation it ends must be placed before anything called after it.
/// A (set of linearized operations, state) pair seen before leads where it led before, so it is skipped:
/// this is what keeps the search polynomial on the histories model runs produce.
/// Pending operations (never returned) may take effect anywhere after their call, with any result, or
/// never. They are tried at the frontier, after every completed candidate, so the configurations that
/// use no pending operation are met first and dominate those that spend one for nothing (see
/// <see cref="Visit"/>). When the frontier offers nothing more, the last choice is undone.
/// </summary>
internal static class LinearizabilityChecker
{
    public static LinearizabilityResult Check<TState>(SequentialSpecification<TState> spec, IReadOnlyList<Operation> history)
        where TState : IEquatable<TState>
    {
        SubHistory? smallest = null;
        int partitions = 0;
        foreach (var part in spec.Partition(history))
        {
            partitions++;
            if ((smallest is null || part.Operations.Count < smallest.Operations.Count) && !IsLinearizable(spec, part.Operations))
                smallest = part;
        }
        return new LinearizabilityResult(history.Count, partitions, smallest);
    }

    /// <summary>A choice on the search's stack: the operation placed, the state before it, and where to resume.</summary>
    readonly record struct Choice<TState>(int Op, TState Before, int Frontier);

    static bool IsLinearizable<TState>(SequentialSpecification<TState> spec, IReadOnlyList<Operation> ops)
        where TState : IEquatable<TState>
    {
        var events = new EventList(ops);
        var placedOps = new ulong[(ops.Count + 63) / 64]; // completed operations linearized so far
        var pending = new PendingOperations(ops);
        var seen = new Dictionary<Memo<TState>, List<int[]>>(Memo<TState>.Comparer);
        var undo = new Stack<Choice<TState>>();
        var state = spec.Initial;
        Visit(seen, placedOps, state, pending.Used);
        int completed = ops.Count - pending.Count, placed = 0;
        int entry = events.First;
        int frontier = -1;     // the first return event, once the walk has reached it
        int nextPending = 0;   // at the frontier: the next pending operation to try
        while (placed < completed)
        {
            if (frontier < 0 && EventList.IsCall(entry))
            {
                int op = EventList.OpOf(entry);
                var after = spec.Apply(state, ops[op], out var result);
                if (result == ops[op].Result && Try(op, after, -1)) continue;
                entry = events.Next(entry);
                continue;
            }
            if (frontier < 0)
            {
                frontier = entry;
                nextPending = 0;
            }
            int candidate = pending.NextCandidate(nextPending, events.KeyOf(frontier));
            if (candidate >= 0)
            {
                nextPending = candidate + 1;
                int op = pending.OpAt(candidate);
                var after = spec.Apply(state, ops[op], out _);
                Try(op, after, frontier);
                continue;
            }
            if (undo.Count == 0) return false;
            var last = undo.Pop();
            Place(last.Op, -1);
            state = last.Before;
            if (ops[last.Op].IsPending)
            {
                frontier = last.Frontier;
                nextPending = pending.IndexOf(last.Op) + 1;
            }
            else
            {
                events.Unlift(last.Op);
                entry = events.Next(EventList.CallOf(last.Op));
                frontier = -1;
            }
        }
        return true;

        // Places op if the configuration it leads to is new, and restarts the walk from the front.
        bool Try(int op, TState after, int atFrontier)
        {
            Place(op, +1);
            if (!Visit(seen, placedOps, after, pending.Used))
            {
                Place(op, -1);
                return false;
            }
            undo.Push(new Choice<TState>(op, state, atFrontier));
            state = after;
            if (!ops[op].IsPending) events.Lift(op);
            entry = events.First;
            frontier = -1;
            return true;
        }

        void Place(int op, int delta)
        {
            if (ops[op].IsPending)
            {
                pending.Mark(op, delta);
                return;
            }
            placed += delta;
            if (delta > 0) placedOps[op >> 6] |= 1UL << op;
            else placedOps[op >> 6] &= ~(1UL << op);
        }
    }

    /// <summary>
    /// Records a configuration and says whether it is new. Configurations with the same completed
    /// operations placed have the same pending operations called (those called before the frontier),
    /// and with the same state they differ only in how many pending operations of each kind took
    /// effect. One that used no more of any kind than another can do all the other can (unused pending
    /// operations never block anything), so the other is skipped. Without pending operations this is
    /// Lowe's exact (linearized set, state) memoisation.
    /// </summary>
    static bool Visit<TState>(Dictionary<Memo<TState>, List<int[]>> seen, ulong[] placed, TState state, int[] usedPending)
        where TState : IEquatable<TState>
    {
        var key = new Memo<TState>(placed, state);
        if (!seen.TryGetValue(key, out var variants))
        {
            seen.Add(new Memo<TState>((ulong[])placed.Clone(), state), [(int[])usedPending.Clone()]);
            return true;
        }
        foreach (var earlier in variants)
            if (NoMoreOfAnyKind(earlier, usedPending)) return false;
        variants.Add((int[])usedPending.Clone());
        return true;
    }

    static bool NoMoreOfAnyKind(int[] a, int[] b)
    {
        for (int i = 0; i < a.Length; i++)
            if (a[i] > b[i]) return false;
        return true;
    }

    /// <summary>
    /// The operations that never returned, in call order, grouped into kinds (same name and arguments).
    /// Once called, two pending operations of one kind are interchangeable for the rest of the search,
    /// since neither ever returns: so only the first unused one of each kind is tried, and configurations
    /// count how many of each kind took effect rather than which.
    /// </summary>
    sealed class PendingOperations
    {
        readonly int[] opAt;            // pending index -> operation index, in call order
        readonly (long, int, int)[] callKey;
        readonly int[] kindAt;
        readonly bool[] taken;
        readonly Dictionary<int, int> indexOf = [];

        public PendingOperations(IReadOnlyList<Operation> ops)
        {
            opAt = Enumerable.Range(0, ops.Count).Where(i => ops[i].IsPending).OrderBy(i => ops[i].Call).ThenBy(i => i).ToArray();
            callKey = opAt.Select(i => EventList.CallKey(ops[i], i)).ToArray();
            taken = new bool[opAt.Length];
            kindAt = new int[opAt.Length];
            var kinds = new List<Operation>();
            for (int p = 0; p < opAt.Length; p++)
            {
                var op = ops[opAt[p]];
                int k = kinds.FindIndex(o => o.Name == op.Name && o.Args.SequenceEqual(op.Args));
                if (k < 0)
                {
                    k = kinds.Count;
                    kinds.Add(op);
                }
                kindAt[p] = k;
                indexOf[opAt[p]] = p;
            }
            Used = new int[kinds.Count];
        }

        public int Count => opAt.Length;

        /// <summary>Per kind, how many took effect so far.</summary>
        public int[] Used { get; }

        public int OpAt(int p) => opAt[p];
        public int IndexOf(int op) => indexOf[op];

        public void Mark(int op, int delta)
        {
            int p = indexOf[op];
            taken[p] = delta > 0;
            Used[kindAt[p]] += delta;
        }

        /// <summary>The first pending operation from <paramref name="from"/> on that was called before the frontier, is unused, and has no earlier unused twin.</summary>
        public int NextCandidate(int from, (long, int, int) frontier)
        {
            for (int p = from; p < opAt.Length && callKey[p].CompareTo(frontier) < 0; p++)
                if (!taken[p] && !HasEarlierUnusedTwin(p)) return p;
            return -1;
        }

        bool HasEarlierUnusedTwin(int p)
        {
            for (int q = 0; q < p; q++)
                if (kindAt[q] == kindAt[p] && !taken[q]) return true;
            return false;
        }
    }

    /// <summary>
    /// The completed operations' call and return events as a doubly linked list over arrays (event 2i is
    /// operation i's call, 2i+1 its return), so lifting and restoring an operation are O(1) and restore in
    /// LIFO order. Pending operations are not in it.
    /// </summary>
    sealed class EventList
    {
        readonly int[] next, prev;
        readonly (long, int, int)[] keys;
        readonly int head;

        public EventList(IReadOnlyList<Operation> ops)
        {
            int count = ops.Count * 2;
            head = count;
            next = new int[count + 1];
            prev = new int[count + 1];
            keys = new (long, int, int)[count];
            var order = new List<(long, int, int)>();
            for (int i = 0; i < ops.Count; i++)
            {
                keys[2 * i] = CallKey(ops[i], i);
                if (ops[i].Return is not { } ret) continue;
                // At equal times a return comes before a call (the returned operation precedes the new
                // one), except the return of an operation called at that same time.
                keys[2 * i + 1] = (ret, ret == ops[i].Call ? 2 : 0, 2 * i + 1);
                order.Add(keys[2 * i]);
                order.Add(keys[2 * i + 1]);
            }
            order.Sort();
            int previous = head;
            foreach (var (_, _, e) in order)
            {
                next[previous] = e;
                prev[e] = previous;
                previous = e;
            }
            next[previous] = head;
            prev[head] = previous;
        }

        public static (long, int, int) CallKey(Operation op, int index) => (op.Call, 1, 2 * index);

        public (long, int, int) KeyOf(int e) => keys[e];

        public int First => next[head];
        public int Next(int e) => next[e];

        public static bool IsCall(int e) => (e & 1) == 0;
        public static int OpOf(int e) => e >> 1;
        public static int CallOf(int op) => op << 1;

        public void Lift(int op)
        {
            Remove(op << 1);
            Remove((op << 1) + 1);
        }

        public void Unlift(int op)
        {
            Restore((op << 1) + 1);
            Restore(op << 1);
        }

        void Remove(int e)
        {
            next[prev[e]] = next[e];
            prev[next[e]] = prev[e];
        }

        void Restore(int e)
        {
            next[prev[e]] = e;
            prev[next[e]] = e;
        }
    }

    readonly struct Memo<TState> where TState : IEquatable<TState>
    {
        readonly ulong[] linearized;
        readonly TState state;
        readonly int hash;

        public Memo(ulong[] linearized, TState state)
        {
            this.linearized = linearized;
            this.state = state;
            ulong h = Fnv.Offset;
            foreach (ulong word in linearized) h = Fnv.Mix(h, word);
            h = Fnv.Mix(h, (ulong)state.GetHashCode());
            hash = (int)(h ^ (h >> 32));
        }

        public static readonly IEqualityComparer<Memo<TState>> Comparer = new MemoComparer();

        sealed class MemoComparer : IEqualityComparer<Memo<TState>>
        {
            public bool Equals(Memo<TState> a, Memo<TState> b) =>
                a.hash == b.hash && a.linearized.AsSpan().SequenceEqual(b.linearized) && a.state.Equals(b.state);

            public int GetHashCode(Memo<TState> m) => m.hash;
        }
    }
}
