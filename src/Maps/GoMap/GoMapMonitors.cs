using ModelCheck.Engine;

namespace ModelCheck.Maps.GoMap;

/// <summary>Attaches the ghost monitors of one map (contents and structure, evacuation ledger, iteration, grow progress).</summary>
public static class GoMapMonitors
{
    public static ClassicMap Monitored(this ClassicMap map)
    {
        var contents = new LiveKeysMonitor(map.Runtime, map, new StructureCheck(map).Check);
        map.Runtime.AddMonitor(contents);
        map.Runtime.AddMonitor(new EvacuationLedger(map));
        map.Runtime.AddMonitor(new IterationMonitor(map, contents));
        map.Runtime.AddMonitor(new GrowProgress(map));
        return map;
    }
}
