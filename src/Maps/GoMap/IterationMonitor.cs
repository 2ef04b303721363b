using ModelCheck.Engine;

namespace ModelCheck.Maps.GoMap;

/// <summary>
/// CM-11 for every iterator of one map: (a) no key twice; (b) every key present from mapiterinit to the
/// end (never deleted, never cleared) produced; (c) no key produced that is not in the map at that
/// moment (deleted before being reached); (d) the value produced is the map's current value.
/// </summary>
public sealed class IterationMonitor(ClassicMap map, LiveKeysMonitor contents) :
    IMonitor<IterationStarted>, IMonitor<IterationStep>, IMonitor<KeyDeleted>, IMonitor<MapCleared>
{
    sealed record Running(GoMapIterator Iterator, HashSet<GoKey> Produced, HashSet<GoKey> PresentThroughout);

    readonly List<Running> running = [];

    public string Name => $"{map.Name} iteration";

    public string? Observe(IterationStarted e)
    {
        if (e.Map == map) running.Add(new Running(e.Iterator, [], [.. contents.Live.Keys]));
        return null;
    }

    public string? Observe(IterationStep e)
    {
        if (e.Map != map) return null;
        var it = running.Find(r => r.Iterator == e.Iterator)!;
        if (e.Key is null)
        {
            running.Remove(it);
            var missed = it.PresentThroughout.Where(k => !it.Produced.Contains(k)).Select(k => k.Name).Order(StringComparer.Ordinal).ToList();
            return missed.Count == 0 ? null
                : $"the iteration ended without producing {string.Join(", ", missed)}, present throughout (CM-11b)";
        }
        if (!it.Produced.Add(e.Key)) return $"the iteration produced {e.Key} twice (CM-11a)";
        if (!contents.Live.TryGetValue(e.Key, out int value)) return $"the iteration produced {e.Key}, which is not in the map (CM-11c)";
        if (value != e.Value) return $"the iteration produced {e.Key} = {e.Value}, the map holds {value} (CM-11d)";
        return null;
    }

    public string? Observe(KeyDeleted e)
    {
        if (e.Map == map) foreach (var r in running) r.PresentThroughout.Remove(e.Key);
        return null;
    }

    public string? Observe(MapCleared e)
    {
        if (e.Map == map) foreach (var r in running) r.PresentThroughout.Clear();
        return null;
    }
}
