namespace ModelCheck.Maps.HashTrieMap;

// Ghost walks of the reachable trie for the monitors and the trace notes: Peek only, so they record no
// access and change no schedule.
sealed partial class HashTrieMap
{
    /// <summary>Calls <paramref name="onEntry"/> for every reachable entry with its node and slot index; returns the reachable nodes.</summary>
    internal List<Indirect> VisitReachable(Action<Indirect, int, Entry> onEntry)
    {
        var nodes = new List<Indirect>();
        if (root.Peek() is not { } top) return nodes;
        var pending = new Stack<Indirect>([top]);
        while (pending.TryPop(out var i))
        {
            nodes.Add(i);
            for (int j = 0; j < Indirect.ChildCount; j++)
            {
                var n = i.Children[j].Peek();
                if (n is Indirect child) pending.Push(child);
                for (var e = n as Entry; e is not null; e = e.Overflow.Peek()) onEntry(i, j, e);
            }
        }
        return nodes;
    }

    internal bool Reaches(Entry target)
    {
        bool found = false;
        VisitReachable((_, _, e) => found |= ReferenceEquals(e, target));
        return found;
    }
}
