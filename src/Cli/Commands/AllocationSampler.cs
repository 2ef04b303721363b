using System.Diagnostics.Tracing;

namespace ModelCheck.Cli.Commands;

/// <summary>
/// Which types a workload allocates, from the runtime's own allocation sampling: about every 100 KB
/// allocated, the runtime names the type of the object that crossed the mark (GCAllocationTick). The
/// samples add up to an allocation profile by type without a profiler: `bench --allocations`.
/// </summary>
sealed class AllocationSampler : EventListener
{
    const EventKeywords GcKeyword = (EventKeywords)0x1;
    readonly Dictionary<string, long> bytesByType = new(StringComparer.Ordinal);
    // Events arrive on the runtime's dispatch thread.
    readonly System.Threading.Lock gate = new();

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, GcKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || e.Payload is null) return;
        int typeName = e.PayloadNames!.IndexOf("TypeName"), amount = e.PayloadNames.IndexOf("AllocationAmount64");
        if (typeName < 0 || amount < 0) return;
        lock (gate)
        {
            var type = e.Payload[typeName] as string ?? "?";
            bytesByType[type] = bytesByType.GetValueOrDefault(type) + Convert.ToInt64(e.Payload[amount]);
        }
    }

    /// <summary>The <paramref name="count"/> types with the most sampled bytes since the last call, as shares of all sampled bytes; then starts afresh.</summary>
    public IReadOnlyList<(string Type, double Share)> TakeTop(int count)
    {
        lock (gate)
        {
            double total = Math.Max(1, bytesByType.Values.Sum());
            var top = bytesByType.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Take(count)
                .Select(p => (p.Key, p.Value / total)).ToList();
            bytesByType.Clear();
            return top;
        }
    }
}
