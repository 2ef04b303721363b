using System.Text;

namespace ModelCheck.Models.Linearizability;

/// <summary>
/// The checker's verdict on a history: how many operations and independent parts it had and, when it is
/// not linearizable, the smallest part that no real-time-respecting order explains.
/// </summary>
public sealed record LinearizabilityResult(int Operations, int Partitions, SubHistory? Witness)
{
    /// <summary>Why the search stopped without a verdict (its budget ran out), or null when it has one.</summary>
    public string? Unknown { get; init; }

    /// <summary>How many distinct (linearized operations, state) configurations the search memoised.</summary>
    public long Configurations { get; init; }

    public bool IsLinearizable => Witness is null && Unknown is null;

    /// <summary>
    /// The witness as a message: one line saying what failed, then a table of its operations (task,
    /// operation, result, call and return times) with a timeline that shows which of them overlap.
    /// </summary>
    public string Explain(ISpecification spec)
    {
        if (Unknown is { } why)
            return $"unknown: {why} before a verdict ({Operations} operations in {Partitions} independent part{(Partitions == 1 ? "" : "s")}, {Configurations} configurations searched)";
        if (Witness is not { } witness) return $"linearizable: {Operations} operations in {Partitions} independent part{(Partitions == 1 ? "" : "s")}";
        var about = witness.Label.Length > 0 ? witness.Label : $"the {spec.Name}";
        var text = new StringBuilder();
        text.Append($"not linearizable: no order of these {witness.Operations.Count} operations on {about} that respects real time explains their results\n");
        HistoryTable.Append(text, spec, witness.Operations);
        return text.ToString().TrimEnd('\n');
    }
}
