using ModelCheck.Models.Linearizability;
using static ModelCheck.Tests.Unit.Linearizability.Histories;

namespace ModelCheck.Tests.Unit.Linearizability;

public sealed class MapHistoryTests
{
    static LinearizabilityResult Check(Histories h) => MapSpecification.Instance.Check(h.Build());

    static Value Pairs(params (Value Key, Value Value)[] pairs) => Value.List(pairs.Select(p => Value.List(p.Key, p.Value)).ToArray());

    [Fact]
    public void Every_operation_of_the_map_behaves_as_sync_Map_does()
    {
        var h = new Histories()
            .Op(0, "Load", Args("k"), Value.Null, 1, 2)
            .Op(0, "LoadOrStore", Args("k", 1), Value.List(1, false), 3, 4)
            .Op(0, "LoadOrStore", Args("k", 2), Value.List(1, true), 5, 6)
            .Op(0, "Swap", Args("k", 3), 1, 7, 8)
            .Op(0, "CompareAndSwap", Args("k", 1, 9), false, 9, 10)
            .Op(0, "CompareAndSwap", Args("k", 3, 4), true, 11, 12)
            .Op(0, "CompareAndDelete", Args("k", 3), false, 13, 14)
            .Op(0, "CompareAndDelete", Args("k", 4), true, 15, 16)
            .Op(0, "CompareAndDelete", Args("k", 4), false, 17, 18)
            .Op(0, "Store", Args("k", 5), Value.Null, 19, 20)
            .Op(0, "LoadAndDelete", Args("k"), 5, 21, 22)
            .Op(0, "LoadAndDelete", Args("k"), Value.Null, 23, 24)
            .Op(0, "Swap", Args("k", 6), Value.Null, 25, 26)
            .Op(0, "Delete", Args("k"), Value.Null, 27, 28)
            .Op(0, "Load", Args("k"), Value.Null, 29, 30);
        Assert.True(Check(h).IsLinearizable);
    }

    [Fact]
    public void The_quick_search_finds_an_order_other_than_the_return_order_and_refuses_what_none_explains()
    {
        // The Load saw the Swap's value but returned first: the return order (Load, Swap) explains nothing,
        // Swap then Load explains both.
        var overlapping = new Histories()
            .Op(0, "Swap", Args("k", 1), Value.Null, 1, 6)
            .Op(1, "Load", Args("k"), 1, 2, 4)
            .Op(0, "Load", Args("k"), 1, 7, 8);
        Assert.True(MapSpecification.Instance.LinearizesQuickly(overlapping.Build()));
        Assert.True(Check(overlapping).IsLinearizable);
        // The Load returned before the Swap was called, so it cannot see its value.
        var stale = new Histories()
            .Op(1, "Load", Args("k"), 1, 1, 2)
            .Op(0, "Swap", Args("k", 1), Value.Null, 3, 4);
        Assert.False(MapSpecification.Instance.LinearizesQuickly(stale.Build()));
        // A pending operation is left to the full check.
        var pending = new Histories().Op(0, "Store", Args("k", 1), Value.Null, 1, 2).Pending(1, "Load", Args("k"), 3);
        Assert.False(MapSpecification.Instance.LinearizesQuickly(pending.Build()));
        // A Range is its observations: it must produce k, present throughout, and must not produce a value k never had.
        var range = new Histories().Op(0, "Store", Args("k", 1), Value.Null, 1, 2);
        Assert.True(MapSpecification.Instance.LinearizesQuickly(range.Op(1, "Range", Args(), Pairs(("k", 1)), 3, 4).Build()));
        var missed = new Histories().Op(0, "Store", Args("k", 1), Value.Null, 1, 2).Op(1, "Range", Args(), Value.List(), 3, 4);
        Assert.False(MapSpecification.Instance.LinearizesQuickly(missed.Build()));
        Assert.False(Check(missed).IsLinearizable);
        var twice = new Histories().Op(0, "Store", Args("k", 1), Value.Null, 1, 2).Op(1, "Range", Args(), Pairs(("k", 1), ("k", 1)), 3, 4);
        Assert.False(MapSpecification.Instance.LinearizesQuickly(twice.Build()));
        Assert.False(Check(twice).IsLinearizable);
        // A key only the Range produced is left to the full check, which finds that nothing stored it.
        var invented = new Histories().Op(0, "Store", Args("k", 1), Value.Null, 1, 2).Op(1, "Range", Args(), Pairs(("k", 1), ("j", 2)), 3, 4);
        Assert.False(MapSpecification.Instance.LinearizesQuickly(invented.Build()));
        Assert.False(Check(invented).IsLinearizable);
        // With a Clear the whole map is one part: the Range sees the map after the Clear, then the later store.
        var cleared = new Histories().Op(0, "Store", Args("k", 1), Value.Null, 1, 2).Op(0, "Store", Args("j", 2), Value.Null, 3, 4)
            .Op(1, "Clear", Args(), Value.Null, 5, 6).Op(0, "Store", Args("j", 3), Value.Null, 7, 8);
        Assert.True(MapSpecification.Instance.LinearizesQuickly(cleared.Op(1, "Range", Args(), Pairs(("j", 3)), 9, 10).Build()));
        var clearedBefore = new Histories().Op(0, "Store", Args("k", 1), Value.Null, 1, 2).Op(1, "Clear", Args(), Value.Null, 3, 4)
            .Op(1, "Range", Args(), Pairs(("k", 1)), 5, 6);
        Assert.False(MapSpecification.Instance.LinearizesQuickly(clearedBefore.Build()));
        Assert.False(Check(clearedBefore).IsLinearizable);
        // A weakly consistent Range may miss a key, but not see one that was gone.
        var missable = new Histories().Op(0, "Store", Args("k", 1), Value.Null, 1, 2).Op(1, "Range", Args(), Value.List(), 3, 4);
        Assert.True(MapSpecification.WeaklyConsistent.LinearizesQuickly(missable.Build()));
    }

    [Fact]
    public void Swap_and_LoadAndDelete_cannot_both_remove_the_same_value()
    {
        // Seeded bug S-4's signature: each reports v0 gone, so neither order explains the other's result.
        var h = new Histories()
            .Op(0, "Store", Args("k", 0), Value.Null, 1, 2)
            .Op(1, "LoadAndDelete", Args("k"), 0, 3, 8)
            .Op(2, "Swap", Args("k", 1), 0, 4, 6)
            .Op(0, "Load", Args("k"), Value.Null, 9, 10);
        var result = Check(h);
        Assert.False(result.IsLinearizable);
        Assert.Equal("key k", result.Witness!.Label);
    }

    [Fact]
    public void Keys_are_checked_apart_and_the_smallest_failing_key_is_the_witness()
    {
        var h = new Histories()
            .Op(0, "Store", Args("a", 1), Value.Null, 1, 2)
            .Op(1, "Store", Args("a", 2), Value.Null, 3, 4)
            .Op(0, "Load", Args("a"), 1, 5, 6)          // stale: key a fails with 3 operations
            .Op(0, "Store", Args("b", 1), Value.Null, 7, 8)
            .Op(1, "Load", Args("b"), Value.Null, 9, 10) // lost: key b fails with 2 operations
            .Op(2, "Load", Args("c"), Value.Null, 1, 10);
        var result = Check(h);
        Assert.Equal(3, result.Partitions);
        Assert.Equal("key b", result.Witness!.Label);
        Assert.Equal(2, result.Witness.Operations.Count);
    }

    [Fact]
    public void LoadOrStore_that_reports_loaded_needs_a_value()
    {
        var h = new Histories()
            .Op(0, "LoadOrStore", Args("k", 1), Value.List(1, true), 1, 2);
        Assert.False(Check(h).IsLinearizable);
    }

    [Fact]
    public void A_pending_Store_explains_a_later_Load()
    {
        var h = new Histories()
            .Pending(0, "Store", Args("k", 7), 1)
            .Op(1, "Load", Args("k"), 7, 5, 6)
            .Op(1, "Load", Args("k"), 7, 7, 8);
        Assert.True(Check(h).IsLinearizable);
    }

    [Fact]
    public void Range_may_produce_any_value_current_during_its_call()
    {
        var h = new Histories()
            .Op(0, "Store", Args("a", 1), Value.Null, 1, 2)
            .Op(1, "Range", [], Pairs(("a", 2)), 3, 10)
            .Op(0, "Store", Args("a", 2), Value.Null, 4, 5)
            .Op(0, "Store", Args("a", 3), Value.Null, 6, 7);
        Assert.True(Check(h).IsLinearizable);
    }

    [Fact]
    public void Range_cannot_produce_a_value_from_before_its_call()
    {
        var h = new Histories()
            .Op(0, "Store", Args("a", 1), Value.Null, 1, 2)
            .Op(0, "Store", Args("a", 2), Value.Null, 3, 4)
            .Op(1, "Range", [], Pairs(("a", 1)), 5, 10);
        Assert.False(Check(h).IsLinearizable);
    }

    [Fact]
    public void Range_must_produce_a_key_present_throughout_but_may_miss_one_that_comes_and_goes()
    {
        var missesStable = new Histories()
            .Op(0, "Store", Args("a", 1), Value.Null, 1, 2)
            .Op(1, "Range", [], Pairs(), 3, 10);
        Assert.False(Check(missesStable).IsLinearizable);
        Assert.True(MapSpecification.WeaklyConsistent.Check(missesStable.Build()).IsLinearizable);

        var missesDeleted = new Histories()
            .Op(0, "Store", Args("a", 1), Value.Null, 1, 2)
            .Op(1, "Range", [], Pairs(("b", 1)), 3, 10)
            .Op(0, "Delete", Args("a"), Value.Null, 4, 5)
            .Op(0, "Store", Args("b", 1), Value.Null, 6, 7)
            .Op(0, "Store", Args("a", 2), Value.Null, 8, 9);
        Assert.True(Check(missesDeleted).IsLinearizable);
    }

    [Fact]
    public void Range_cannot_produce_a_key_twice_or_one_never_stored()
    {
        var twice = new Histories()
            .Op(0, "Store", Args("a", 1), Value.Null, 1, 2)
            .Op(1, "Range", [], Pairs(("a", 1), ("a", 1)), 3, 4);
        var twiceResult = Check(twice);
        Assert.False(twiceResult.IsLinearizable);
        Assert.Contains("produced 2 times", twiceResult.Explain(MapSpecification.Instance));

        var phantom = new Histories().Op(1, "Range", [], Pairs(("z", 1)), 1, 2);
        Assert.False(Check(phantom).IsLinearizable);
    }

    [Fact]
    public void Clear_makes_the_history_one_part()
    {
        var h = new Histories()
            .Op(0, "Store", Args("a", 1), Value.Null, 1, 2)
            .Op(0, "Store", Args("b", 1), Value.Null, 3, 4)
            .Op(1, "Clear", [], Value.Null, 5, 8)
            .Op(2, "Load", Args("a"), Value.Null, 6, 7)
            .Op(2, "Load", Args("b"), 1, 9, 10);
        var result = Check(h);
        Assert.Equal(1, result.Partitions);
        Assert.False(result.IsLinearizable); // b survived a Clear that completed before the Load began
    }

    [Fact]
    public void A_malformed_history_is_rejected_before_checking()
    {
        var nullValue = new Histories().Op(0, "Store", Args("a", Value.Null), Value.Null, 1, 2);
        var error = Assert.Throws<ArgumentException>(() => Check(nullValue));
        Assert.Contains("cannot be null", error.Message);
        var wrongShape = new Histories().Op(0, "LoadOrStore", Args("a", 1), 1, 1, 2);
        Assert.Contains("[value, loaded]", Assert.Throws<ArgumentException>(() => Check(wrongShape)).Message);
    }
}
