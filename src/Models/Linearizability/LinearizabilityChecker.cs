namespace ModelCheck.Models.Linearizability;

/// <summary>
/// Wing and Gong's search for a linearization, with Lowe's memoisation as Porcupine implements it.
/// The completed operations not yet linearized sit in a list ordered by return time; the first is the
/// frontier, and the candidates to linearize next are the operations called before it returned.
/// Linearizing one applies it to the specification's state and, if the result matches, lifts it out of
/// the list and restarts from the front. Candidates are tried in return order (see <see cref="ReturnOrder"/>).
/// A (set of linearized operations, state) pair seen before leads where it led before, so it is skipped:
/// this is what keeps the search polynomial on the histories model runs produce. The search is still
/// exponential in the number of overlapping operations at worst, so it runs within a <see cref="SearchBudget"/>.
/// Pending operations (never returned) may take effect anywhere after their call, with any result, or
/// never. They are tried at the frontier, after every completed candidate, so the configurations that
/// use no pending operation are met first and dominate those that spend one for nothing (see
/// <see cref="Visit"/>). When the frontier offers nothing more, the last choice is undone.
/// </summary>
internal static class LinearizabilityChecker
{
    public static LinearizabilityResult Check<TState>(SequentialSpecification<TState> spec, IReadOnlyList<Operation> history, SearchBudget budget)
        where TState : IEquatable<TState>
    {
        SubHistory? smallest = null;
        string? unknown = null;
        int partitions = 0;
        var search = new Search(budget);
        // One memo table and stack for all the parts: a check runs once per execution of a map scenario.
        var seen = new Dictionary<Memo<TState>, List<int[]>>(Memo<TState>.Comparer);
        var undo = new Stack<Choice<TState>>();
        var order = new ReturnOrder();
        foreach (var part in spec.Partition(history))
        {
            partitions++;
            if (smallest is not null && part.Operations.Count >= smallest.Operations.Count) continue;
            seen.Clear();
            undo.Clear();
            // A part the budget cut short proves nothing; a part checked before it may have proved a violation.
            var linearizable = IsLinearizable(spec, part.Operations, search, seen, undo, order);
            if (linearizable == false) smallest = part;
            else if (linearizable is null) unknown ??= search.Exhausted;
        }
        return new LinearizabilityResult(history.Count, partitions, smallest)
        {
            Unknown = smallest is null ? unknown : null,
            Configurations = search.Configurations,
        };
    }

    /// <summary>
    /// Whether a small search finds, for each part of the complete <paramref name="history"/> (operations with
    /// equal <see cref="SequentialSpecification{TState}.PartKey"/>s), an order that respects real time and
    /// explains every result: Wing and Gong's search without the memo table, trying candidates in return order
    /// (so its first path is the return order itself, which respects real time), given at most
    /// <paramref name="steps"/> applications of an operation in all. Most histories of model runs are
    /// linearizable along the first path or close to it, and this costs no table, list or key. False proves
    /// nothing: <see cref="Check"/> decides (with the smallest failing part as its witness).
    /// </summary>
    public static bool LinearizesQuickly<TState>(SequentialSpecification<TState> spec, IReadOnlyList<Operation> history, int steps)
        where TState : IEquatable<TState>
    {
        int count = history.Count;
        if (count > 64) return false; // a set of operations is one word
        Span<int> order = stackalloc int[count];
        Span<(long, int, int)> returns = stackalloc (long, int, int)[count], calls = stackalloc (long, int, int)[count];
        // Insertion sort by return key: histories of model runs are short and nearly in return order already.
        for (int i = 0; i < count; i++)
        {
            var key = ReturnKey(history[i], i);
            int at = i;
            for (; at > 0 && returns[at - 1].CompareTo(key) > 0; at--) (order[at], returns[at]) = (order[at - 1], returns[at - 1]);
            (order[at], returns[at]) = (i, key);
        }
        for (int p = 0; p < count; p++) calls[p] = ReturnOrder.CallKey(history[order[p]], order[p]);
        ulong all = count == 64 ? ulong.MaxValue : (1UL << count) - 1, observers = 0;
        for (int p = 0; p < count; p++)
            if (spec.ObservesEveryPart(history[order[p]])) observers |= 1UL << p;
        ulong left = all & ~observers;
        var search = new QuickSearch<TState>(spec, history, steps);
        while (left != 0)
        {
            // The part of the first operation left: every operation with its key, or all when a key is null;
            // with the observers, which belong to every part.
            int first = System.Numerics.BitOperations.TrailingZeroCount(left);
            var key = spec.PartKey(history[order[first]]);
            ulong part = 0;
            for (int p = first; p < count; p++)
            {
                if ((left & (1UL << p)) == 0) continue;
                var other = spec.PartKey(history[order[p]]);
                if (key.IsNull || other.IsNull)
                {
                    (part, key) = (left, Value.Null); // a whole-history operation: one part
                    break;
                }
                if (other == key) part |= 1UL << p;
            }
            if (!search.Extend(order, returns, calls, all & ~(part | observers), all, key, spec.Initial)) return false;
            left &= ~part;
        }
        return true;
    }

    /// <summary>The state of <see cref="LinearizesQuickly"/>: what it may still spend.</summary>
    struct QuickSearch<TState>(SequentialSpecification<TState> spec, IReadOnlyList<Operation> history, int steps)
        where TState : IEquatable<TState>
    {
        int stepsLeft = steps;

        /// <summary>Whether the operations not in <paramref name="placed"/> (positions in return order) of the part of <paramref name="partKey"/> can follow <paramref name="state"/>.</summary>
        public bool Extend(ReadOnlySpan<int> order, ReadOnlySpan<(long, int, int)> returns, ReadOnlySpan<(long, int, int)> calls,
            ulong placed, ulong all, Value partKey, TState state)
        {
            if (placed == all) return true;
            int frontier = System.Numerics.BitOperations.TrailingZeroCount(~placed);
            // The candidates: unplaced operations called before the frontier returned (the frontier among them).
            for (int p = frontier; p < order.Length; p++)
            {
                if ((placed & (1UL << p)) != 0 || calls[p].CompareTo(returns[frontier]) >= 0) continue;
                if (--stepsLeft < 0) return false;
                if (spec.Explains(state, history[order[p]], partKey, out var after)
                    && Extend(order, returns, calls, placed | (1UL << p), all, partKey, after)) return true;
                if (stepsLeft < 0) return false;
            }
            return false;
        }
    }

    /// <summary>
    /// When a completed operation returned, as a sort key. At equal times a return comes before a call (the
    /// returned operation precedes the new one), except the return of an operation called at that same time.
    /// </summary>
    static (long, int, int) ReturnKey(Operation op, int index)
    {
        long ret = op.Return!.Value;
        return (ret, ret == op.Call ? 2 : 0, 2 * index + 1);
    }

    /// <summary>The budget of one check, across its parts, and how many configurations it has memoised.</summary>
    sealed class Search(SearchBudget budget)
    {
        readonly System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();
        int sinceCheck;

        public long Configurations { get; set; }

        /// <summary>Why the budget ran out, once it has.</summary>
        public string? Exhausted { get; private set; }

        /// <summary>Counts one step of the search; every few thousand, asks the budget (a clock and heap read).</summary>
        public bool OutOfBudget()
        {
            if (Exhausted is not null) return true;
            if (++sinceCheck < 4096) return false;
            sinceCheck = 0;
            Exhausted = budget.Exhausted(clock);
            return Exhausted is not null;
        }
    }

    /// <summary>A choice on the search's stack: the operation placed and the state before it.</summary>
    internal readonly record struct Choice<TState>(int Op, TState Before);

    /// <summary>True or false, or null when the budget ran out first.</summary>
    static bool? IsLinearizable<TState>(SequentialSpecification<TState> spec, IReadOnlyList<Operation> ops, Search search,
        Dictionary<Memo<TState>, List<int[]>> seen, Stack<Choice<TState>> undo, ReturnOrder order)
        where TState : IEquatable<TState>
    {
        order.Reset(ops);
        var placedOps = new ulong[Math.Max(1, (ops.Count + 63) / 64)]; // completed operations linearized so far
        var pending = new PendingOperations(ops);
        var state = spec.Initial;
        Visit(seen, placedOps, state, pending.Used);
        int completed = ops.Count - pending.Count, placed = 0;
        int entry = order.First;  // the next completed operation to try, in return order
        bool atFrontier = false;  // every completed candidate has been tried: pending ones are next
        int nextPending = 0;      // at the frontier: the next pending operation to try
        while (placed < completed)
        {
            if (search.OutOfBudget()) return null;
            if (!atFrontier)
            {
                if (!order.IsEnd(entry))
                {
                    int op = entry;
                    entry = order.Next(entry);
                    if (!order.MayGoFirst(op)) continue;
                    var after = spec.Apply(state, ops[op], out var result);
                    if (result == ops[op].Result) Try(op, after);
                    continue;
                }
                atFrontier = true;
                nextPending = 0;
            }
            int candidate = pending.NextCandidate(nextPending, order.FrontierKey);
            if (candidate >= 0)
            {
                nextPending = candidate + 1;
                int op = pending.OpAt(candidate);
                var after = spec.Apply(state, ops[op], out _);
                Try(op, after);
                continue;
            }
            if (undo.Count == 0) return false;
            var last = undo.Pop();
            Place(last.Op, -1);
            state = last.Before;
            if (ops[last.Op].IsPending)
            {
                // Pending operations lift nothing: the completed ones left, and so the frontier, are as they were.
                atFrontier = true;
                nextPending = pending.IndexOf(last.Op) + 1;
            }
            else
            {
                order.Unlift(last.Op);
                entry = order.Next(last.Op);
                atFrontier = false;
            }
        }
        return true;

        // Places op if the configuration it leads to is new, and restarts the walk from the front.
        void Try(int op, TState after)
        {
            Place(op, +1);
            if (!Visit(seen, placedOps, after, pending.Used))
            {
                Place(op, -1);
                return;
            }
            search.Configurations++;
            undo.Push(new Choice<TState>(op, state));
            state = after;
            if (!ops[op].IsPending) order.Lift(op);
            entry = order.First;
            atFrontier = false;
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
        // Without pending operations every configuration has the same (empty) variant: share one list,
        // which a repeat always dominates, rather than allocate a list and two arrays per configuration.
        if (usedPending.Length == 0) return seen.TryAdd(key.Kept(), NoPending);
        if (!seen.TryGetValue(key, out var variants))
        {
            seen.Add(key.Kept(), [(int[])usedPending.Clone()]);
            return true;
        }
        foreach (var earlier in variants)
            if (NoMoreOfAnyKind(earlier, usedPending)) return false;
        variants.Add((int[])usedPending.Clone());
        return true;
    }

    static readonly List<int[]> NoPending = [[]];

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
        readonly int[] indexOf;        // operation index -> pending index (for pending operations only)

        public PendingOperations(IReadOnlyList<Operation> ops)
        {
            int count = 0;
            for (int i = 0; i < ops.Count; i++)
                if (ops[i].IsPending) count++;
            if (count == 0)
            {
                // The usual history: every operation returned. Nothing to allocate.
                opAt = kindAt = indexOf = Used = [];
                callKey = [];
                taken = [];
                return;
            }
            opAt = new int[count];
            callKey = new (long, int, int)[count];
            for (int i = 0, p = 0; i < ops.Count; i++)
                if (ops[i].IsPending) (opAt[p], callKey[p++]) = (i, ReturnOrder.CallKey(ops[i], i));
            // In call order (the keys are distinct: they end in the operation's index).
            Array.Sort(callKey, opAt);
            taken = new bool[count];
            kindAt = new int[count];
            indexOf = new int[ops.Count];
            var kinds = new List<Operation>();
            for (int p = 0; p < count; p++)
            {
                var op = ops[opAt[p]];
                int k = 0;
                while (k < kinds.Count && !(kinds[k].Name == op.Name && kinds[k].Args.SequenceEqual(op.Args))) k++;
                if (k == kinds.Count) kinds.Add(op);
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
    /// The completed operations not yet linearized, as a doubly linked list in order of return (so lifting
    /// and restoring one are O(1) and restore in LIFO order). The first is the frontier: the operation
    /// that returns earliest must be linearized before anything called after its return, so the candidates
    /// are the operations called before it returned. Trying them in return order, as the frontier's
    /// deadline suggests, follows the order in which a real run most likely took effect: on histories of
    /// many overlapping operations that finds a linearization without wandering through the orders that
    /// call times suggest. Pending operations are not in it.
    /// </summary>
    sealed class ReturnOrder
    {
        // Reused from part to part of one check (a check runs once per execution): the arrays only grow.
        int[] next = [], prev = [], completed = [];
        (long, int, int)[] callKey = [], returnKey = [], byReturn = [];
        int head;

        /// <summary>Starts over on <paramref name="ops"/>: every completed operation in the list, in return order.</summary>
        public void Reset(IReadOnlyList<Operation> ops)
        {
            head = ops.Count;
            if (next.Length < ops.Count + 1)
            {
                int size = Math.Max(ops.Count + 1, 2 * next.Length);
                (next, prev, completed) = (new int[size], new int[size], new int[size]);
                (callKey, returnKey, byReturn) = (new (long, int, int)[size], new (long, int, int)[size], new (long, int, int)[size]);
            }
            int count = 0;
            for (int i = 0; i < ops.Count; i++)
            {
                callKey[i] = CallKey(ops[i], i);
                if (ops[i].IsPending) continue;
                returnKey[i] = ReturnKey(ops[i], i);
                (completed[count], byReturn[count++]) = (i, returnKey[i]);
            }
            // The keys are distinct (they end in the operation's index), so the order is total.
            Array.Sort(byReturn, completed, 0, count);
            int previous = head;
            for (int c = 0; c < count; c++)
            {
                int op = completed[c];
                next[previous] = op;
                prev[op] = previous;
                previous = op;
            }
            next[previous] = head;
            prev[head] = previous;
        }

        public static (long, int, int) CallKey(Operation op, int index) => (op.Call, 1, 2 * index);

        public int First => next[head];
        public int Next(int op) => next[op];
        public bool IsEnd(int op) => op == head;

        /// <summary>The frontier's return: operations called before it may be linearized next.</summary>
        public (long, int, int) FrontierKey => returnKey[next[head]];

        public bool MayGoFirst(int op) => callKey[op].CompareTo(FrontierKey) < 0;

        public void Lift(int op)
        {
            next[prev[op]] = next[op];
            prev[next[op]] = prev[op];
        }

        public void Unlift(int op)
        {
            next[prev[op]] = op;
            prev[next[op]] = op;
        }
    }

    /// <summary>
    /// A configuration as a memo key. The set of linearized operations is read from the search's live bit set
    /// (<paramref name="linearized"/>); <see cref="Kept"/> copies what a stored key needs. The first 64
    /// operations' bits sit in the key itself, so a history of up to 64 operations stores no array.
    /// </summary>
    internal readonly struct Memo<TState> where TState : IEquatable<TState>
    {
        readonly ulong first;
        readonly ulong[] linearized;
        readonly bool live;
        readonly TState state;
        readonly int hash;

        public Memo(ulong[] linearized, TState state)
        {
            first = linearized[0];
            this.linearized = linearized;
            live = true;
            this.state = state;
            ulong h = Fnv.Offset;
            foreach (ulong word in linearized) h = Fnv.Mix(h, word);
            h = Fnv.Mix(h, (ulong)state.GetHashCode());
            hash = (int)(h ^ (h >> 32));
        }

        Memo(Memo<TState> live)
        {
            first = live.first;
            linearized = live.linearized.Length == 1 ? [] : live.linearized[1..];
            state = live.state;
            hash = live.hash;
        }

        /// <summary>The key to store: no longer tied to the search's bit set, which goes on changing.</summary>
        public Memo<TState> Kept() => new(this);

        // The words after the first.
        ReadOnlySpan<ulong> Rest => live ? linearized.AsSpan(1) : linearized;

        public static readonly IEqualityComparer<Memo<TState>> Comparer = new MemoComparer();

        sealed class MemoComparer : IEqualityComparer<Memo<TState>>
        {
            public bool Equals(Memo<TState> a, Memo<TState> b) =>
                a.hash == b.hash && a.first == b.first && a.Rest.SequenceEqual(b.Rest) && a.state.Equals(b.state);

            public int GetHashCode(Memo<TState> m) => m.hash;
        }
    }
}
