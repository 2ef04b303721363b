using System.Runtime.CompilerServices;
using ModelCheck.Engine;
using static ModelCheck.Engine.MemoryOrder;

namespace ModelCheck.Maps.ConcurrentHashMap;

// Java's ConcurrentHashMap (java.util.concurrent, JDK 12+ text; JDK 8–11 differs only in the helper stop
// test, seeded below as N-1), modelled step by step for its cooperative resize. See map-algorithms.md §4.
//
// The algorithm. The map is a power-of-two array of bins (`table`). A bin is empty, a list of nodes (final
// hash and key, volatile val and next), or a ForwardingNode (hash MOVED) once a resize has moved it. Bins
// are read with tabAt (an acquire load). A writer that finds an empty bin installs its node with casTabAt
// and no lock; any other change to a bin happens under the monitor of the bin's head node, after
// re-checking that the head is still tabAt(tab, i) (the head may have been removed or forwarded meanwhile).
// Every insertion ends in addCount: the element count (baseCount) goes up and, when it reaches `sizeCtl`
// (the threshold, 0.75·n), the thread that wins CAS(sizeCtl: threshold -> (resizeStamp(n) << 16) + 2)
// initiates a resize: it publishes `nextTable` (2n bins) and `transferIndex = n`. While sizeCtl is
// negative its low 16 bits count the threads inside transfer plus one. Other writers join: addCount does
// when the count is still over the threshold, helpTransfer does when a writer meets a ForwardingNode, both
// by CAS(sizeCtl: sc -> sc + 1), unless the stamp test, a null nextTable or transferIndex <= 0 says there
// is nothing left to do. In transfer each thread claims a stride of bins [nextBound, nextIndex) by
// CAS(transferIndex: nextIndex -> nextBound) and walks it downwards: an empty bin is forwarded with
// casTabAt(null -> fwd); a list is locked, re-checked, split by hash bit n into ln (stays at i) and hn
// (moves to i + n), reusing the longest tail whose nodes share that bit (lastRun) and cloning the nodes
// before it, so old nodes are never mutated; then setTabAt(nextTab, i, ln), setTabAt(nextTab, i + n, hn),
// and setTabAt(tab, i, fwd), in that order, so whoever sees fwd also sees both halves. A thread with no
// range left deregisters by CAS(sizeCtl: sc -> sc - 1); the last one (sc - 2 == rs << 16) sweeps every
// bin again (the finishing recheck) and commits: nextTable = null, table = nextTab, sizeCtl = 2n - n/2.
// Readers never lock and never help: get follows ForwardingNodes into the next table (ForwardingNode.find).
//
// Memory. Volatile fields (table, nextTable, sizeCtl, transferIndex, baseCount, Node.val, Node.next) are
// seq_cst cells; tabAt is acquire, setTabAt release, casTabAt seq_cst; final fields (hash, key,
// ForwardingNode.nextTable) are plain C# fields, visible wherever the node is (freeze semantics); the
// bin monitor is a controlled mutex (lock = acquire, unlock = release). Every access of §5.1 is an awaited
// scheduling point, except the reads inside one bin split, which is one atomic local computation: it only
// reads old nodes that, under the bin lock, nobody changes.
//
// Simplified. Keys are ints that are their own spread hash (the test picks every bin; keys compare equal
// exactly when their hashes do), values are non-null ints. Counter cells are disabled (§5.4): baseCount
// alone counts, and a failed CAS on it stands for fullAddCount (retry, then return without the resize
// check, as the real code does). No TreeBins (lists stay below TREEIFY_THRESHOLD in every scenario, which
// is checked), so treeifyBin/tryPresize are not modelled, and no ReservationNodes (no compute methods).
// NCPU, MIN_TRANSFER_STRIDE and the initial table length are parameters (§0.3: stride 1 or 2, two-bin
// tables), which changes no control path. Operations: get, put, putIfAbsent, remove.
//
// Invariants (Monitors.cs): C-1 sizeCtl encodes the resizer count; C-2 one nextTable per resize; C-3 a
// forwarded bin stays forwarded to the same table; C-4 each bin is evacuated once and split exactly;
// C-5 no write reaches a node that only a forwarded bin can reach; C-6 claims are disjoint, cover [0, n)
// and transferIndex never increases (a ghost invariant: only the non-CAS claim J-1a breaks it); C-7 one
// commit per resize, with every old bin forwarded; C-9 at quiescence the count equals the reachable
// nodes. C-8, linearizability, is checked by the scenarios from the operations' results.
//
// Seeded bugs (Mutation.cs) are single edits guarded by `Has(...)`, all in this file and Resize.cs.

/// <summary>The parameters of one map: its first table length, the transfer stride knobs and the seeded edits.</summary>
sealed record ChmOptions(int TableLength = 2, int MinTransferStride = 1, int Ncpu = 2, Mutation Mutation = Mutation.None);

/// <summary>The concurrent map: the fields, the lookups and the writes (Resize.cs holds addCount and transfer).</summary>
sealed partial class ConcurrentHashMap
{
    const int DefaultCapacity = 16;
    const int TreeifyThreshold = 8;

    readonly Runtime rt;
    readonly ChmOptions options;
    readonly Cell<Table?> table;
    readonly Cell<Table?> nextTable;
    readonly Cell<int> sizeCtl;
    readonly Cell<int> transferIndex;
    readonly Cell<long> baseCount;
    // The last table made, linked to those before it (Table.Earlier): their names ("T4", a second T4 is "T4'") and count.
    Table? newestTable;

    /// <summary>As <c>new ConcurrentHashMap(c)</c>: no table yet, sizeCtl holds the length initTable will allocate.</summary>
    public ConcurrentHashMap(Runtime rt, ChmOptions options)
    {
        if (options.TableLength < 1 || (options.TableLength & (options.TableLength - 1)) != 0)
            throw new ArgumentException("the table length is a power of two", nameof(options));
        this.rt = rt;
        this.options = options;
        table = rt.NewCell<Table?>("table", null);
        nextTable = rt.NewCell<Table?>("nextTable", null);
        sizeCtl = rt.NewCell("sizeCtl", options.TableLength);
        transferIndex = rt.NewCell("transferIndex", 0);
        baseCount = rt.NewCell("baseCount", 0L);
        if (rt.IsRecording) rt.AddStateView("map", DescribeState, DrawState); // only a replay draws: no delegates otherwise
    }

    bool Has(Mutation edit) => (options.Mutation & edit) != 0;

    // The access primitives of §4.2.
    ControlledOp<LoadOp<Node?>, Node?> TabAt(Table tab, int i) => tab.Bins[i].Load(Acquire);

    // The bin writes publish what they wrote as they are performed (PublishedWrites.cs), with no method of
    // their own to await. casTabAt: a CAS of an empty bin (a put's first node, or a forwarding node).
    CasThenPublish<Node?, BinStored> CasTabAt(Table tab, int i, Node? expected, Node value) =>
        new(tab.Bins[i].CompareAndSwap(expected, value, SeqCst),
            rt, new BinStored(tab, i, value));

    // setTabAt: a release store (the split halves and the forwarding node; remove's unlink of a head);
    // J-3 stores the forwarding node plain. The orders table names a write by the line of its cell
    // operation, hence the store on a line of its own.
    StoreThenPublish<Node?, BinStored> SetTabAt(Table tab, int i, Node? value, MemoryOrder order = Release, Action? note = null) =>
        new(
            tab.Bins[i].Store(value, order),
            rt,
            new BinStored(tab, i, value), note);

    MemoryOrder TableOrder => Has(Mutation.PlainTable) ? Plain : SeqCst;

    ControlledOp<LoadOp<Table?>, Table?> LoadTable() => table.Load(TableOrder);

    ListNode NewNode(int key, int value, Node? next) => new(rt, key, 0, value, next);

    Table NewTable(int length)
    {
        string name = TableName(length); // a loop below the last atomic site: this runs in every execution
        var created = new Table(rt, name, length, newestTable);
        newestTable = created;
        return created;
    }

    static void CheckKey(int key)
    {
        if (key < 0) throw new ArgumentOutOfRangeException(nameof(key), "a key is its own spread hash, which is never negative");
    }

    /// <summary>get(k): lock-free; follows a ForwardingNode into the next table.</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    public async ValueTask<int?> Get(int key)
    {
        CheckKey(key);
        var tab = await LoadTable();
        if (tab is null) return null;
        var e = await TabAt(tab, (tab.Length - 1) & key);
        if (e is null) return null;
        if (e is ForwardingNode fwd)
        {
            rt.Cover(GetFollowsForward);
            var found = await Find(fwd, key);
            return found is null ? null : await found.Val.Load(SeqCst);
        }
        for (var node = (ListNode)e; ; node = (ListNode)e)
        {
            if (node.Key == key) return await node.Val.Load(SeqCst);
            e = await node.Next.Load(SeqCst);
            if (e is null) return null;
        }
    }

    /// <summary>ForwardingNode.find: a loop over next tables, switching again at every ForwardingNode met.</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    async ValueTask<ListNode?> Find(ForwardingNode start, int key)
    {
        var tab = start.NextTable;
        while (true)
        {
            var e = await TabAt(tab, (tab.Length - 1) & key);
            while (e is ListNode node)
            {
                if (node.Key == key) return node;
                e = await node.Next.Load(SeqCst);
            }
            if (e is not ForwardingNode further) return null;
            rt.Cover(GetFollowsTwoForwards);
            tab = further.NextTable;
        }
    }

    public ValueTask<int?> Put(int key, int value) => PutVal(key, value, onlyIfAbsent: false);

    public ValueTask<int?> PutIfAbsent(int key, int value) => PutVal(key, value, onlyIfAbsent: true);

    public ValueTask<int?> Remove(int key) => ReplaceNode(key);

    /// <summary>Tells the progress monitor (P-1) that a writer returns <paramref name="result"/>, whichever way it leaves.</summary>
    // putVal and replaceNode return through this, in the step of their last access (an async wrapper
    // around them cost a box per write).
    int? Returned(int? result)
    {
        rt.Publish(new WriterReturned());
        return result;
    }

    /// <summary>A writer met a forwarding node: it helps the resize, then retries in the table helpTransfer returns.</summary>
    ValueTask<Table> MeetForward(Table tab, ForwardingNode fwd, CoverageLabel writer)
    {
        rt.Cover(writer);
        rt.Publish(new ForwardMet(tab, TablesMade() - 1));
        return HelpTransfer(tab, fwd);
    }

    /// <summary>putVal: CAS into an empty bin, help a resize at a ForwardingNode, otherwise lock the head.</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    async ValueTask<int?> PutVal(int key, int value, bool onlyIfAbsent)
    {
        CheckKey(key);
        int binCount = 0;
        for (var tab = await LoadTable(); ;)
        {
            if (tab is null)
            {
                tab = await InitTable();
                continue;
            }
            int i = (tab.Length - 1) & key;
            var f = await TabAt(tab, i);
            if (f is null)
            {
                if (await CasTabAt(tab, i, null, NewNode(key, value, null))) break;
            }
            else if (f is ForwardingNode fwd)
            {
                tab = await MeetForward(tab, fwd, PutMeetsForward);
            }
            else if (onlyIfAbsent && f is ListNode head && head.Key == key)
            {
                // The unlocked fast path of putIfAbsent on a head that holds the key (values are never null).
                rt.Cover(PutIfAbsentAtHead);
                return Returned(await head.Val.Load(SeqCst));
            }
            else
            {
                var first = (ListNode)f;
                int? oldVal = null;
                await first.Monitor.Lock();
                // J-2 drops this re-check: a head read before the bin was forwarded is then written in place.
                bool headUnchanged = Has(Mutation.NoPutRecheck) || await TabAt(tab, i) == first;
                rt.CoverIf(!headUnchanged, PutRecheckFails);
                if (headUnchanged)
                {
                    binCount = 1;
                    for (var e = first; ; ++binCount)
                    {
                        if (e.Key == key)
                        {
                            oldVal = await e.Val.Load(SeqCst);
                            if (!onlyIfAbsent) await WriteVal(e, value);
                            break;
                        }
                        var next = await e.Next.Load(SeqCst);
                        if (next is null)
                        {
                            await WriteNext(e, NewNode(key, value, null));
                            break;
                        }
                        e = (ListNode)next;
                    }
                }
                await first.Monitor.Unlock();
                if (binCount != 0)
                {
                    if (binCount >= TreeifyThreshold)
                        throw new NotSupportedException("a bin reached TREEIFY_THRESHOLD: TreeBins and tryPresize are not modelled");
                    if (oldVal is not null) return Returned(oldVal);
                    break;
                }
            }
        }
        await AddCount(1, binCount);
        return Returned(null);
    }

    /// <summary>remove(k), i.e. replaceNode(k, null, null): unlink under the head's lock; the head itself via setTabAt.</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    async ValueTask<int?> ReplaceNode(int key)
    {
        CheckKey(key);
        for (var tab = await LoadTable(); ;)
        {
            if (tab is null) return Returned(null);
            int i = (tab.Length - 1) & key;
            var f = await TabAt(tab, i);
            if (f is null) return Returned(null);
            if (f is ForwardingNode fwd)
            {
                tab = await MeetForward(tab, fwd, RemoveMeetsForward);
                continue;
            }
            var first = (ListNode)f;
            int? oldVal = null;
            bool validated = false;
            await first.Monitor.Lock();
            if (await TabAt(tab, i) == first)
            {
                validated = true;
                ListNode? pred = null;
                for (var e = first; ;)
                {
                    if (e.Key == key)
                    {
                        oldVal = await e.Val.Load(SeqCst);
                        var next = await e.Next.Load(SeqCst);
                        if (pred is not null) await WriteNext(pred, next);
                        else await SetTabAt(tab, i, next);
                        break;
                    }
                    pred = e;
                    var following = await e.Next.Load(SeqCst);
                    if (following is null) break;
                    e = (ListNode)following;
                }
            }
            await first.Monitor.Unlock();
            if (!validated)
            {
                rt.Cover(RemoveRecheckFails);
                continue;
            }
            if (oldVal is not null) await AddCount(-1, -1);
            return Returned(oldVal);
        }
    }

    // A node's val and next, published as performed (PublishedWrites.cs): C-5 checks that neither is
    // written once the node is reachable only from a forwarded bin.
    StoreThenPublish<int, NodeWritten> WriteVal(ListNode node, int value) =>
        new(node.Val.Store(value, SeqCst),
            rt, new NodeWritten(node, "val"));

    // An insertion at a list's tail, or remove's unlink of a node behind the head (one argument a line:
    // the orders table names the write by the line of its store).
    StoreThenPublish<Node?, NodeWritten> WriteNext(ListNode node, Node? next) =>
        new(
            node.Next.Store(next, SeqCst),
            rt,
            new NodeWritten(node, "next"));

    /// <summary>initTable: one thread wins CAS(sizeCtl -> -1) and allocates; the others yield until it is done.</summary>
    [AsyncMethodBuilder(typeof(ControlledMethodBuilder<>))]
    async ValueTask<Table> InitTable()
    {
        while (true)
        {
            if (await LoadTable() is { } existing) return existing;
            int sc = await sizeCtl.Load(SeqCst);
            if (sc < 0)
            {
                await rt.Yield();
            }
            else if (await sizeCtl.CompareAndSwap(sc, -1, SeqCst))
            {
                var tab = await LoadTable();
                if (tab is null)
                {
                    int n = sc > 0 ? sc : DefaultCapacity;
                    tab = NewTable(n);
                    await table.Store(tab, TableOrder);
                    sc = n - (n >>> 2);
                }
                await sizeCtl.Store(sc, SeqCst);
                return tab;
            }
        }
    }

    /// <summary>
    /// Ghost: with no operation running, the map must be at rest: no nextTable, no forwarding node, sizeCtl the
    /// threshold of its table, every node in the bin its hash selects, each key once, and baseCount equal to
    /// the number of reachable nodes (C-9). Null when all holds.
    /// </summary>
    public string? CheckQuiescent()
    {
        if (nextTable.Peek() is { } pending) return $"nextTable is still {pending} after every task finished";
        if (table.Peek() is not { } tab) return baseCount.Peek() == 0 ? null : $"no table, but baseCount is {baseCount.Peek()}";
        int n = tab.Length;
        if (sizeCtl.Peek() != n - (n >>> 2)) return $"sizeCtl is {sizeCtl.Peek()} at rest, not the threshold {n - (n >>> 2)} of {tab}";
        // The keys seen: below 64 as bits, the others (no scenario has any) in a list made only for them. This
        // runs at the end of every execution, so the usual case allocates nothing.
        ulong small = 0;
        List<int>? large = null;
        for (int i = 0; i < n; i++)
        {
            if (tab.Bins.Peek(i) is ForwardingNode) return $"bin {i} of {tab} is still forwarded after every task finished";
            // A plain loop, not PeekBin's iterator.
            for (var e = tab.Bins.Peek(i); e is ListNode node; e = node.Next.Peek())
            {
                if ((node.Key & (n - 1)) != i) return $"{node.Label} sits in bin {i} of {tab}, but its hash selects bin {node.Key & (n - 1)}";
                ulong bit = node.Key < 64 ? 1UL << node.Key : 0;
                if ((small & bit) != 0 || (bit == 0 && large is not null && large.Contains(node.Key))) return $"{node.Label} is reachable twice in {tab}";
                if (bit != 0) small |= bit;
                else (large ??= []).Add(node.Key);
            }
        }
        int count = System.Numerics.BitOperations.PopCount(small) + (large?.Count ?? 0);
        return baseCount.Peek() == count ? null
            : $"baseCount is {baseCount.Peek()} but {tab} holds {count} nodes ({string.Join(", ", KeysOf(small, large).Select(k => $"k{k}"))}) (C-9)";
    }

    /// <summary>The keys CheckQuiescent saw, in order: those below 64 are its bits, the others are larger.</summary>
    static IEnumerable<int> KeysOf(ulong small, List<int>? large)
    {
        for (int key = 0; key < 64; key++)
            if ((small & (1UL << key)) != 0) yield return key;
        if (large is null) yield break;
        foreach (int key in large.Order()) yield return key;
    }

    /// <summary>"T4", or "T4'" for the second table of that length (J-4a resizes a table twice).</summary>
    string TableName(int length)
    {
        int earlier = 0;
        for (var t = newestTable; t is not null; t = t.Earlier)
            if (t.Length == length) earlier++;
        return earlier == 0 ? FirstTableNames[System.Numerics.BitOperations.Log2((uint)length)] : $"T{length}" + new string('\'', earlier);
    }

    // "T1", "T2", "T4", ...: the name of a table of each length, made once; tables are made in every execution.
    static readonly string[] FirstTableNames = [.. Enumerable.Range(0, 31).Select(b => $"T{1 << b}")];

    /// <summary>How many tables this map has made (a chain, not a list: the map is made in every execution).</summary>
    int TablesMade()
    {
        int made = 0;
        for (var t = newestTable; t is not null; t = t.Earlier) made++;
        return made;
    }
}
