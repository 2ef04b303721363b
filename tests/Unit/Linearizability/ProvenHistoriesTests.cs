using ModelCheck.Models.Linearizability;

namespace ModelCheck.Tests.Unit.Linearizability;

/// <summary>
/// The memo of quick proofs: a history met again at other steps is known linearizable without a search,
/// only proofs are kept (a history no order explains is searched, and refused, every time), and histories
/// that differ only in whether two times tie are told apart.
/// </summary>
public sealed class ProvenHistoriesTests
{
    /// <summary>An operation of a map history with its call and return times.</summary>
    readonly record struct Op(int Client, string Name, Value[] Args, Value Result, long Call, long Return);

    /// <summary>The operations and the shape a recorder would have built, recording calls and returns in time order (returns first at a tie).</summary>
    static (List<Operation> History, HistoryShape Shape) Record(params Op[] ops)
    {
        var history = ops.Select((op, i) => new Operation(i, op.Client, op.Name, op.Args, op.Result, op.Call, op.Return)).ToList();
        var shape = new HistoryShape();
        var events = ops.SelectMany((op, i) => new[] { (Time: op.Call, Return: false, Id: i), (Time: op.Return, Return: true, Id: i) })
            .OrderBy(e => e.Time).ThenBy(e => e.Return ? 0 : 1).ThenBy(e => e.Id);
        foreach (var (time, isReturn, id) in events)
        {
            if (isReturn) shape.Returned(time, id, ops[id].Result);
            else shape.Called(time, ops[id].Name, ops[id].Args, ops[id].Client);
        }
        return (history, shape);
    }

    // Store(k, 1) overlaps a Load(k) that saw 1, then a Load(k) that sees 1 too; times scaled by `stretch` from `start`.
    static (List<Operation>, HistoryShape) StoreThenLoads(long start, long stretch, Value secondLoad) => Record(
        new Op(1, "Store", ["k", 1], Value.Null, start + 1 * stretch, start + 4 * stretch),
        new Op(2, "Load", ["k"], 1, start + 2 * stretch, start + 5 * stretch),
        new Op(2, "Load", ["k"], secondLoad, start + 6 * stretch, start + 7 * stretch));

    [Fact]
    public void A_history_met_again_at_other_steps_is_known_without_a_search()
    {
        var proven = new ProvenHistories(MapSpecification.Instance);
        var (first, firstShape) = StoreThenLoads(0, 1, 1);
        Assert.True(proven.LinearizesQuickly(first, firstShape));
        Assert.Equal(1, proven.Count);
        var (later, laterShape) = StoreThenLoads(100, 3, 1);
        Assert.True(proven.LinearizesQuickly(later, laterShape));
        Assert.Equal(1, proven.Count);
    }

    [Fact]
    public void Only_proofs_are_kept_and_a_history_with_another_result_is_searched_and_refused()
    {
        var proven = new ProvenHistories(MapSpecification.Instance);
        var (bad, badShape) = StoreThenLoads(0, 1, Value.Null); // the second Load missed a key stored before it began
        Assert.False(proven.LinearizesQuickly(bad, badShape));
        Assert.Equal(0, proven.Count);
        var (good, goodShape) = StoreThenLoads(0, 1, 1);
        Assert.True(proven.LinearizesQuickly(good, goodShape));
        var (badAgain, badAgainShape) = StoreThenLoads(50, 2, Value.Null);
        Assert.False(proven.LinearizesQuickly(badAgain, badAgainShape));
        Assert.Equal(1, proven.Count);
    }

    [Fact]
    public void A_reordered_history_is_not_taken_for_a_proved_one()
    {
        var proven = new ProvenHistories(MapSpecification.Instance);
        var (stored, storedShape) = Record(
            new Op(1, "Store", ["k", 1], Value.Null, 1, 2),
            new Op(2, "Load", ["k"], 1, 3, 4));
        Assert.True(proven.LinearizesQuickly(stored, storedShape));
        // The same operations and results, but the Load returned before the Store was called.
        var (early, earlyShape) = Record(
            new Op(1, "Store", ["k", 1], Value.Null, 3, 4),
            new Op(2, "Load", ["k"], 1, 1, 2));
        Assert.False(proven.LinearizesQuickly(early, earlyShape));
    }

    [Fact]
    public void Histories_that_differ_only_in_a_tie_have_different_shapes()
    {
        var proven = new ProvenHistories(MapSpecification.Instance);
        var (tied, tiedShape) = Record(
            new Op(1, "Store", ["k", 1], Value.Null, 1, 5),
            new Op(2, "Load", ["k"], 1, 5, 6));
        var (apart, apartShape) = Record(
            new Op(1, "Store", ["k", 1], Value.Null, 1, 5),
            new Op(2, "Load", ["k"], 1, 6, 7));
        Assert.True(proven.LinearizesQuickly(tied, tiedShape));
        Assert.True(proven.LinearizesQuickly(apart, apartShape));
        Assert.Equal(2, proven.Count);
    }
}
