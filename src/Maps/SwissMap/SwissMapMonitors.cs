using ModelCheck.Engine;
using ModelCheck.Maps.GoMap;

namespace ModelCheck.Maps.SwissMap;

/// <summary>Attaches the ghost monitors of one Swiss map: contents and structure (SW-1..SW-9, CM-1), stale tables (SW-7), iteration (CM-11), and the liveness of a rehash.</summary>
public static class SwissMapMonitors
{
    public static SwissMap Monitored(this SwissMap map)
    {
        var contents = new LiveKeysMonitor(map.Runtime, map, new SwissStructureCheck(map).Check);
        map.Runtime.AddMonitor(contents);
        map.Runtime.AddMonitor(new StaleTableLedger(map));
        map.Runtime.AddMonitor(new IterationMonitor(map, contents));
        map.RehashProgress = map.Runtime.AddLivenessMonitor($"{map.Name} rehash completes within its insert", TemperatureUnit.Steps,
            () => "a table is being rehashed");
        return map;
    }
}
