namespace ModelCheck.Models.Linearizability;

/// <summary>
/// Wing and Gong's search for a linearization, with Lowe's memoisation as Porcupine implements it.
/// The operations' call and return events sit in one list sorted by time. Walking it from the front,
/// a call event is an operation that may be linearized next (no operation still in the list returned
/// before it was called); linearizing it applies it to the specification's state and, if the result
/// matches, lifts both its events out of the list and restarts from the front. Meeting a return event
/// means the operation it ends can no longer be placed: undo the last choice and try the next candidate.
/// A (set of linearized operations, state) pair seen before leads where it led before, so it is skipped:
/// this is what keeps the search polynomial on the histories model runs produce.
/// Pending operations may be linearized anywhere after their call, with any result, or never: their
/// return events sit at the end of the list, and the search succeeds once every completed operation is placed.
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

    static bool IsLinearizable<TState>(SequentialSpecification<TState> spec, IReadOnlyList<Operation> ops)
        where TState : IEquatable<TState>
    {
        var events = new EventList(ops);
        var linearized = new ulong[(ops.Count + 63) / 64];
        var seen = new HashSet<Memo<TState>>(Memo<TState>.Comparer);
        var undo = new Stack<(int Op, TState Before)>();
        var state = spec.Initial;
        int completed = ops.Count(op => !op.IsPending), placed = 0;
        int entry = events.First;
        while (placed < completed)
        {
            int op = EventList.OpOf(entry);
            if (EventList.IsCall(entry))
            {
                var after = spec.Apply(state, ops[op], out var result);
                if (ops[op].IsPending || result == ops[op].Result)
                {
                    linearized[op >> 6] |= 1UL << op;
                    if (seen.Add(new Memo<TState>((ulong[])linearized.Clone(), after)))
                    {
                        undo.Push((op, state));
                        state = after;
                        if (!ops[op].IsPending) placed++;
                        events.Lift(op);
                        entry = events.First;
                        continue;
                    }
                    linearized[op >> 6] &= ~(1UL << op);
                }
                entry = events.Next(entry);
            }
            else
            {
                // The earliest remaining return: its operation must come before everything after it.
                if (undo.Count == 0) return false;
                var (last, before) = undo.Pop();
                linearized[last >> 6] &= ~(1UL << last);
                state = before;
                if (!ops[last].IsPending) placed--;
                events.Unlift(last);
                entry = events.Next(EventList.CallOf(last));
            }
        }
        return true;
    }

    /// <summary>
    /// The call and return events as a doubly linked list over arrays (event 2i is operation i's call,
    /// 2i+1 its return), so lifting and restoring an operation are O(1) and restore in LIFO order.
    /// </summary>
    sealed class EventList
    {
        readonly int[] next, prev;
        readonly int head;

        public EventList(IReadOnlyList<Operation> ops)
        {
            int count = ops.Count * 2;
            head = count;
            next = new int[count + 1];
            prev = new int[count + 1];
            var order = new int[count];
            var keys = new (long Time, int Rank, int Event)[count];
            for (int i = 0; i < ops.Count; i++)
            {
                var op = ops[i];
                keys[2 * i] = (op.Call, 1, 2 * i);
                // At equal times a return comes before a call (the returned operation precedes the new
                // one), except the return of an operation called at that same time.
                long ret = op.Return ?? long.MaxValue;
                keys[2 * i + 1] = (ret, ret == op.Call ? 2 : 0, 2 * i + 1);
            }
            Array.Sort(keys);
            for (int i = 0; i < count; i++) order[i] = keys[i].Event;
            int previous = head;
            foreach (int e in order)
            {
                next[previous] = e;
                prev[e] = previous;
                previous = e;
            }
            next[previous] = head;
            prev[head] = previous;
        }

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
