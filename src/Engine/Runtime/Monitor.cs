namespace ModelCheck.Engine;

/// <summary>
/// A safety monitor: ghost code the runtime consults, never read by the algorithm under test.
/// Scenarios publish events to it with <see cref="Runtime.Publish{TEvent}"/>.
/// </summary>
public interface IMonitor
{
    string Name { get; }

    /// <summary>Checked once every task has finished; returns the violation, or null.</summary>
    string? CheckAtEnd() => null;
}

/// <summary>A monitor of events of one type; returns the violation the event reveals, or null.</summary>
public interface IMonitor<in TEvent> : IMonitor
{
    string? Observe(TEvent e);
}

/// <summary>A small number for each event type published, so a runtime can keep its monitors of that type in an array slot.</summary>
static class EventSlot<TEvent>
{
    public static readonly int Index = EventSlots.Next();
}

static class EventSlots
{
    static int count;
    public static int Next() => System.Threading.Interlocked.Increment(ref count) - 1;
}
