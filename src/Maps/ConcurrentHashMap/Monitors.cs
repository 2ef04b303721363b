using ModelCheck.Engine;

namespace ModelCheck.Maps.ConcurrentHashMap;

// The invariants of map-algorithms.md §4.9 as monitors over the ghost events of Events.cs. Ghost state is
// kept per resize generation, keyed by the old table (a generation is a table being resized; a table is
// resized at most once, which C-7 checks). Lists stay tiny, so generations are found by a linear search.

/// <summary>Which groups of monitors a scenario installs.</summary>
[Flags]
enum ChmChecks
{
    None = 0,
    /// <summary>C-6: disjoint claims covering [0, n), transferIndex never increasing.</summary>
    Claims = 1 << 0,
    /// <summary>C-1, C-2, C-3, C-4 (with each bin evacuated once) and C-7.</summary>
    Resize = 1 << 1,
    /// <summary>C-5: no write to a node only a forwarded bin reaches.</summary>
    DetachedWrites = 1 << 2,
    /// <summary>C-9 and the shape of the map once every task has finished.</summary>
    Quiescence = 1 << 3,
    /// <summary>P-1..P-3 (ProgressMonitors.cs): writers get past forwarding nodes, transfers commit, claims get done.</summary>
    Progress = 1 << 4,
    All = Claims | Resize | DetachedWrites | Quiescence | Progress,
}

/// <summary>Ghost state per old table, in creation order.</summary>
sealed class PerTable<TState> where TState : class
{
    // Most executions resize once: the first table's state is held in fields, a list is made only for more.
    Table? firstTable;
    TState? firstState;
    List<(Table Table, TState State)>? others;

    public TState? Find(Table table)
    {
        if (firstTable == table) return firstState;
        // A plain loop over the list's items: this runs at every bin write and claim.
        if (others is not null)
            for (int k = 0; k < others.Count; k++)
                if (others[k].Table == table) return others[k].State;
        return null;
    }

    public void Set(Table table, TState state)
    {
        if (firstTable is null || firstTable == table)
        {
            (firstTable, firstState) = (table, state);
            return;
        }
        others ??= [];
        for (int k = 0; k < others.Count; k++)
            if (others[k].Table == table)
            {
                others[k] = (table, state);
                return;
            }
        others.Add((table, state));
    }
}

/// <summary>C-6: each bin of a generation is claimed by one resizer, claims cover [0, n), transferIndex only goes down.</summary>
sealed class ClaimMonitor : IMonitor<NextTablePublished>, IMonitor<RangeClaimed>, IMonitor<ResizeCommitted>
{
    sealed class Claims(int n)
    {
        public int TransferIndex = n;
        public readonly int[] Owner = Unowned(n);

        // A plain fill, not Enumerable.Repeat: a resize's claims are made in every execution that resizes.
        static int[] Unowned(int n)
        {
            var owners = new int[n];
            Array.Fill(owners, -1);
            return owners;
        }
    }

    readonly PerTable<Claims> generations = new();

    public string Name => "C-6 claims";

    public string? Observe(NextTablePublished e)
    {
        generations.Set(e.Old, new Claims(e.Old.Length));
        return null;
    }

    public string? Observe(RangeClaimed e)
    {
        if (generations.Find(e.Old) is not { } claims) return $"a range of {e.Old} was claimed before its resize published nextTable";
        if (e.Bound > claims.TransferIndex)
            return $"transferIndex of the resize of {e.Old} went up from {claims.TransferIndex} to {e.Bound} (task {e.Task} claimed [{e.Bound}, {e.Seen}) from a stale read)";
        claims.TransferIndex = e.Bound;
        for (int i = e.Bound; i < e.Seen; i++)
        {
            if (claims.Owner[i] >= 0)
                return $"bin {i} of {e.Old} claimed twice: by task {claims.Owner[i]} and by task {e.Task} (claim [{e.Bound}, {e.Seen}))";
            claims.Owner[i] = e.Task;
        }
        return null;
    }

    public string? Observe(ResizeCommitted e)
    {
        if (generations.Find(e.Old) is not { } claims) return null;
        int unclaimed = Array.IndexOf(claims.Owner, -1);
        return unclaimed >= 0 ? $"the resize of {e.Old} committed with bin {unclaimed} never claimed" : null;
    }
}

/// <summary>
/// C-1 (sizeCtl's low bits count the resizers, its high bits are the stamp of the table), C-2 (one nextTable
/// per resize, replaced only by the commit), C-3 (a forwarded bin stays forwarded to the same next table),
/// C-4 (each bin evacuated once, its keys split exactly by bit n) and C-7 (one commit per resize, all bins forwarded).
/// </summary>
sealed class ResizeMonitor : IMonitor<ResizersChanged>, IMonitor<NextTablePublished>, IMonitor<BinStored>,
    IMonitor<BinEvacuated>, IMonitor<ResizeCommitted>
{
    sealed class Generation(Table old)
    {
        public Table? Next;
        public int Resizers;
        public bool Committed;
        public readonly Table?[] ForwardedTo = new Table?[old.Length];
        public readonly bool[] Evacuated = new bool[old.Length];
    }

    readonly PerTable<Generation> generations = new();
    // The resize between nextTable's publication and its commit (C-2).
    Table? inProgress;

    public string Name => "C-1..C-4, C-7 resize";

    Generation Of(Table old)
    {
        if (generations.Find(old) is { } g) return g;
        g = new Generation(old);
        generations.Set(old, g);
        return g;
    }

    public string? Observe(ResizersChanged e)
    {
        var g = Of(e.Table);
        if (e.Change == ResizerChange.Initiated && g.Committed) return $"{e.Table} is resized again after its resize committed (C-7)";
        g.Resizers += e.Change switch { ResizerChange.Initiated or ResizerChange.Joined => 1, _ => -1 };
        int stamp = (e.SizeCtl >>> 16) & 0x7FFF;
        int expectedStamp = System.Numerics.BitOperations.LeadingZeroCount((uint)e.Table.Length);
        if (e.SizeCtl >= 0 || stamp != expectedStamp)
            return $"sizeCtl {e.SizeCtl} does not carry the resize stamp of {e.Table} (C-1)";
        if ((e.SizeCtl & 0xFFFF) - 1 != g.Resizers)
            return $"sizeCtl {e.SizeCtl} counts {(e.SizeCtl & 0xFFFF) - 1} resizers of {e.Table}, but {g.Resizers} are inside transfer (C-1)";
        return null;
    }

    public string? Observe(NextTablePublished e)
    {
        if (inProgress is { } running)
            return $"nextTable {e.Next} published for {e.Old} while the resize of {running} has not committed (C-2)";
        inProgress = e.Old;
        Of(e.Old).Next = e.Next;
        return null;
    }

    public string? Observe(BinStored e)
    {
        if (generations.Find(e.Table) is not { } g) return null;
        var forwardedTo = g.ForwardedTo[e.Index];
        if (forwardedTo is not null && (e.Value is not ForwardingNode again || again.NextTable != forwardedTo))
            return $"bin {e.Index} of {e.Table} was forwarded to {forwardedTo} and then overwritten with {e.Value?.ToString() ?? "null"} (C-3)";
        if (e.Value is ForwardingNode fwd)
        {
            if (fwd.NextTable != g.Next) return $"bin {e.Index} of {e.Table} forwarded to {fwd.NextTable}, not to its resize's {g.Next} (C-3)";
            g.ForwardedTo[e.Index] = fwd.NextTable;
        }
        return null;
    }

    public string? Observe(BinEvacuated e)
    {
        var g = Of(e.Old);
        if (g.Evacuated[e.Index]) return $"bin {e.Index} of {e.Old} evacuated twice: the second split overwrote {e.Next}[{e.Index}] and {e.Next}[{e.Index + e.Old.Length}] (C-4)";
        g.Evacuated[e.Index] = true;
        int n = e.Old.Length;
        // Usually the keys are small and each list holds each once: then sets of bits decide, with no lists.
        if (KeySet(e.Head, out ulong oldKeys) && KeySet(e.Next.Bins.Peek(e.Index), out ulong lowKeys)
            && KeySet(e.Next.Bins.Peek(e.Index + n), out ulong highKeys) && (oldKeys & ~KeysWithBit(n)) == lowKeys && (oldKeys & KeysWithBit(n)) == highKeys)
            return null;
        var old = Keys(e.Head);
        var low = Keys(e.Next.Bins.Peek(e.Index));
        var high = Keys(e.Next.Bins.Peek(e.Index + n));
        if (!HoldsHalf(low, old, n, 0) || !HoldsHalf(high, old, n, n))
            return $"bin {e.Index} of {e.Old} holds [{string.Join(", ", old)}] but its halves hold [{string.Join(", ", low)}] and [{string.Join(", ", high)}] (C-4)";
        return null;
    }

    /// <summary>The keys of the list at <paramref name="head"/> as bits; false when one is 64 or more or appears twice.</summary>
    static bool KeySet(Node? head, out ulong keys)
    {
        keys = 0;
        for (var e = head; e is ListNode node; e = node.Next.Peek())
        {
            ulong bit = (uint)node.Key < 64 ? 1UL << node.Key : 0;
            if (bit == 0 || (keys & bit) != 0) return false;
            keys |= bit;
        }
        return true;
    }

    /// <summary>The keys below 64 whose bit <paramref name="n"/> (a table length, a power of two) is set, as bits.</summary>
    static ulong KeysWithBit(int n) => n < 64 ? KeyBitMasks[System.Numerics.BitOperations.Log2((uint)n)] : 0;

    // KeysWithBit of 1, 2, 4, ..., 32, worked out once: this runs at every bin a resize moves.
    static readonly ulong[] KeyBitMasks = [.. Enumerable.Range(0, 6).Select(b => KeysWithBitSet(1 << b))];

    static ulong KeysWithBitSet(int n)
    {
        ulong keys = 0;
        for (int key = 0; key < 64; key++)
            if ((key & n) != 0) keys |= 1UL << key;
        return keys;
    }

    // Plain loops: this runs at every bin a resize moves whose keys the sets of bits above cannot decide.
    static List<int> Keys(Node? head)
    {
        var keys = new List<int>();
        for (var e = head; e is ListNode node; e = node.Next.Peek()) keys.Add(node.Key);
        keys.Sort();
        return keys;
    }

    /// <summary>True when <paramref name="half"/> is exactly the keys of <paramref name="old"/> whose bit <paramref name="n"/> is <paramref name="bit"/>, in order.</summary>
    static bool HoldsHalf(List<int> half, List<int> old, int n, int bit)
    {
        int next = 0;
        foreach (int key in old)
            if ((key & n) == bit && (next == half.Count || half[next++] != key)) return false;
        return next == half.Count;
    }

    public string? Observe(ResizeCommitted e)
    {
        var g = Of(e.Old);
        if (g.Committed) return $"the resize of {e.Old} committed twice, the second time to {e.Next} (C-7)";
        g.Committed = true;
        if (inProgress != e.Old) return $"{e.Old} committed to {e.Next} but nextTable belonged to {inProgress?.ToString() ?? "no resize"} (C-2)";
        inProgress = null;
        for (int i = 0; i < e.Old.Length; i++)
            if (e.Old.Bins.Peek(i) is not ForwardingNode)
                return $"the resize of {e.Old} committed with bin {i} not forwarded (C-7)";
        if (g.Resizers != 0) return $"the resize of {e.Old} committed with {g.Resizers} resizers still inside transfer (C-7)";
        return null;
    }
}

/// <summary>C-5: once a bin is forwarded, the old nodes that were cloned (not reused) are detached; nobody may write them.</summary>
sealed class DetachedWriteMonitor : IMonitor<BinEvacuated>, IMonitor<NodeWritten>
{
    public string Name => "C-5 detached writes";

    public string? Observe(BinEvacuated e)
    {
        int n = e.Old.Length;
        Node? low = e.Next.Bins.Peek(e.Index), high = e.Next.Bins.Peek(e.Index + n);
        for (Node? old = e.Head; old is ListNode node; old = node.Next.Peek())
            if (!In(low, node) && !In(high, node)) node.Detached = true;
        return null;
    }

    static bool In(Node? head, ListNode wanted)
    {
        for (var e = head; e is ListNode node; e = node.Next.Peek())
            if (node == wanted) return true;
        return false;
    }

    public string? Observe(NodeWritten e) =>
        e.Node.Detached ? $"{e.Field} of {e.Node.Label} written after its bin was forwarded: the node is reachable only from the old table" : null;
}

/// <summary>C-9 and the map's shape once every task has finished: no resize left over, every node in its bin, the count exact.</summary>
sealed class QuiescenceMonitor(ConcurrentHashMap map) : IMonitor
{
    public string Name => "C-9 quiescence";

    public string? CheckAtEnd() => map.CheckQuiescent();
}
