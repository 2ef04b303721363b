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
