using ModelCheck.Engine;

namespace ModelCheck.Maps.HashTrieMap;

/// <summary>A task has just locked <paramref name="Node"/>.</summary>
sealed record NodeLocked(Indirect Node, int Task);

/// <summary>A task is about to unlock <paramref name="Node"/>: the trie must be consistent.</summary>
sealed record NodeUnlocking(Indirect Node, int Task);

/// <summary>A child pointer of <paramref name="Node"/> is about to be stored.</summary>
sealed record ChildStoring(Indirect Node, int Index, Node? Child);

/// <summary>An entry's value changed in place (only H-1's mutable value pointer can).</summary>
sealed record EntryValueChanged(Entry Entry);

/// <summary>
/// The HashTrieMap invariants of map-algorithms.md §2.10.3 (HT-1..HT-6), as ghost checks: they read the
/// trie with Peek and never influence the algorithm. Linearizability is the recorded history's.
/// </summary>
sealed class TrieInvariants(HashTrieMap map) : IMonitor<NodeLocked>, IMonitor<NodeUnlocking>, IMonitor<ChildStoring>, IMonitor<EntryValueChanged>
{
    // The node locks each task holds, oldest first (ghost).
    readonly Dictionary<int, List<Indirect>> held = [];

    public string Name => "HashTrieMap invariants";

    public string? Observe(NodeLocked e)
    {
        var mine = held.TryGetValue(e.Task, out var list) ? list : held[e.Task] = [];
        var below = mine.FirstOrDefault(h => !IsAncestor(e.Node, h));
        mine.Add(e.Node);
        return below is null ? null
            : $"HT-5 lock order: a task holding {below.Name} locked {e.Node.Name}, which is not an ancestor of {below.Name}";
    }

    public string? Observe(NodeUnlocking e)
    {
        held[e.Task].Remove(e.Node);
        return Reachable(atRest: false);
    }

    public string? Observe(ChildStoring e) => e.Node.Dead.Peek()
        ? $"HT-2: {e.Node.Name}[{e.Index}] = {e.Child?.Name ?? "nil"} is stored into a dead node, which no reader can reach any more"
        : null;

    public string? Observe(EntryValueChanged e) =>
        $"HT-4 immutable entries: {e.Entry.Name}'s value changed in place to {e.Entry.PeekValue}{(map.Reaches(e.Entry) ? "" : ", and the entry is no longer in the trie")}";

    public string? CheckAtEnd() => Reachable(atRest: true);

    static bool IsAncestor(Indirect ancestor, Indirect node)
    {
        for (var p = node.Parent; p is not null; p = p.Parent)
            if (ReferenceEquals(p, ancestor)) return true;
        return false;
    }

    /// <summary>HT-1 and HT-3 over the reachable trie; at rest also HT-1 strictly and HT-6.</summary>
    string? Reachable(bool atRest)
    {
        string? violation = null;
        var keys = new HashSet<int>();
        var nodes = map.VisitReachable((i, j, e) => violation ??= PathViolation(i, j, e, keys));
        if (violation is not null) return violation;
        foreach (var i in nodes)
        {
            if (i.Dead.Peek() && (atRest || i.Parent is not { Mu.IsLocked: true }))
                return $"HT-1: {i.Name} is dead but still reachable{(atRest ? " at rest" : $" and its parent {i.Parent?.Name} is not locked (no one is unlinking it)")}";
            if (atRest && i.Parent is not null && Enumerable.Range(0, Indirect.ChildCount).All(j => i.Children[j].Peek() is null))
                return $"HT-6: {i.Name} is reachable at rest with no children (an emptied node was not pruned)";
        }
        return null;
    }

    /// <summary>HT-3: the entry sits in the slot its hash chooses at its node's level, behind entries of the same full hash, and its key is nowhere else.</summary>
    string? PathViolation(Indirect i, int j, Entry e, HashSet<int> keys)
    {
        var hash = map.Hash;
        ulong h = hash.Of(e.Key);
        int shift = hash.Bits - 4 * (i.Depth + 1);
        if (TrieHash.Index(h, shift) != j)
            return $"HT-3 path property: {e.Name} is in {i.Name}[{j}] but k{e.Key}'s hash chooses [{TrieHash.Index(h, shift)}] at that level";
        if (i.Children[j].Peek() is Entry head && hash.Of(head.Key) != h)
            return $"HT-3 path property: {e.Name} is chained behind {head.Name}, whose full hash differs";
        return keys.Add(e.Key) ? null : $"HT-3: k{e.Key} is reachable twice";
    }
}
