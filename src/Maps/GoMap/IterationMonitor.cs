using ModelCheck.Engine;

namespace ModelCheck.Maps.GoMap;

/// <summary>
/// CM-11 (SW-10 for the Swiss map) for every iterator of one Go map: (a) no entry twice; (b) every key
/// present from the iteration's start to its end (never deleted, never cleared) produced; (c) no key
/// produced that is not in the map at that moment (deleted before being reached); (d) the value
/// produced is the map's current value. A key deleted after it was produced and inserted again is a new
/// entry, which the Go spec lets the iteration produce (or not), so (a) forgets it on delete.
/// </summary>
public sealed class IterationMonitor(IGoMap map, LiveKeysMonitor contents) :
    IMonitor<IterationStarted>, IMonitor<IterationStep>, IMonitor<KeyDeleted>, IMonitor<MapCleared>
{
    sealed record Running(object Iterator, HashSet<GoKey> Produced, HashSet<GoKey> PresentThroughout);

    readonly List<Running> running = [];

    public string Name => $"{map.Name} iteration";

    public string? Observe(IterationStarted e)
    {
        if (e.Map != map) return null;
        // Sized once: an iteration produces about as many keys as were present when it started.
        var present = new HashSet<GoKey>(contents.Live.Keys);
        running.Add(new Running(e.Iterator, new HashSet<GoKey>(present.Count), present));
        return null;
    }

    // A loop, not List.Find: a lambda capturing the iterator would allocate at every step.
    Running RunningOf(object iterator)
    {
        foreach (var r in running)
            if (r.Iterator == iterator) return r;
        throw new InvalidOperationException("an iteration step of an iteration that never started");
    }

    public string? Observe(IterationStep e)
    {
        if (e.Map != map) return null;
        var it = RunningOf(e.Iterator);
        if (e.Key is null)
        {
            running.Remove(it);
            return it.PresentThroughout.IsSubsetOf(it.Produced) ? null
                : $"the iteration ended without producing {string.Join(", ", Missed(it))}, present throughout (CM-11b)";
        }
        if (!it.Produced.Add(e.Key)) return $"the iteration produced {e.Key} twice (CM-11a)";
        if (!contents.Live.TryGetValue(e.Key, out int value)) return $"the iteration produced {e.Key}, which is not in the map (CM-11c)";
        if (value != e.Value) return $"the iteration produced {e.Key} = {e.Value}, the map holds {value} (CM-11d)";
        return null;
    }

    // Its own method, called only when a key was missed: the query's lambda, iterators and list are made at
    // the end of every iteration otherwise (and a lambda capturing the iteration in Observe would allocate its
    // closure at every step).
    static List<string> Missed(Running it) =>
        it.PresentThroughout.Where(k => !it.Produced.Contains(k)).Select(k => k.Name).Order(StringComparer.Ordinal).ToList();

    public string? Observe(KeyDeleted e)
    {
        if (e.Map != map) return null;
        foreach (var r in running)
        {
            r.PresentThroughout.Remove(e.Key);
            r.Produced.Remove(e.Key);
        }
        return null;
    }

    public string? Observe(MapCleared e)
    {
        if (e.Map != map) return null;
        foreach (var r in running)
        {
            r.PresentThroughout.Clear();
            r.Produced.Clear();
        }
        return null;
    }
}
